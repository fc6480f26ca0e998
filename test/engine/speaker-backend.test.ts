// Speakers whose model runs elsewhere than Ollama (a backend the process supplies, as the extension
// supplies VS Code's language models): their turns stream through that backend, sized by its
// window, prepared by it before the first turn; a process without it fails before any turn, and
// Ollama speakers beside them are as before (the simulator answers them).
import { describe, expect, it } from 'vitest';
import { DebateSessions } from '../../engine/session';
import { missingBackendError, type SpeakerBackends } from '../../engine/speaker-backend';
import { calibrationKey } from '../../engine/speaker-prompt';
import { MemoryDebateStore } from '../../engine/store';
import type { DebateError, SpeakerConfig } from '../../engine/types';
import type { OllamaSimulator } from '../simulator/ollama-simulator';
import { FAKE_METRICS, FakeBackend } from './fake-backend';
import { ADA } from './fixtures';
import { chatBody, collectRun, debate, errorsOf, simulator, streamedText, transcriptOf, turnsOf } from './simulated-debate';

/** A speaker on the other backend, beside ADA (Ollama). */
const LM: SpeakerConfig = { name: 'Lu', model: 'gpt-test', tone: 'Polite', backend: 'vscode-lm' };
const OLLAMA_REPLY = 'Tea calms the mind.';

async function ollama(): Promise<OllamaSimulator> {
  return simulator({ models: [{ name: ADA.model, reply: OLLAMA_REPLY }] });
}

function sessions(backends: SpeakerBackends = {}, store = new MemoryDebateStore()): DebateSessions {
  return new DebateSessions(store, { speakerBackends: backends });
}

/** Every model name the simulator was asked about (chat, load, show), in any request. */
function modelsAsked(sim: OllamaSimulator): string[] {
  return sim.requests.flatMap((request) => {
    const model = chatBody(request.body)?.model;
    return typeof model === 'string' ? [model] : [];
  });
}

describe('a speaker on a backend the process supplies', () => {
  it('streams its turns through that backend, tokens and metrics recorded, while the Ollama speaker speaks as before', async () => {
    const sim = await ollama();
    const fake = new FakeBackend();
    const events = await collectRun(sessions({ 'vscode-lm': fake }).start(debate(sim, [ADA, LM], { exchanges: 2 })));
    expect(errorsOf(events)).toEqual([]);
    const turns = turnsOf(events);
    expect(turns.map((turn) => [turn.speaker, turn.model, turn.status, turn.text])).toEqual([
      ['Ada', ADA.model, 'complete', OLLAMA_REPLY],
      ['Lu', 'gpt-test', 'complete', 'Coffee wakes you.'],
      ['Ada', ADA.model, 'complete', OLLAMA_REPLY],
      ['Lu', 'gpt-test', 'complete', 'Coffee wakes you.'],
    ]);
    const luTurns = turns.filter((turn) => turn.speaker === 'Lu');
    // Streamed as tokens, piece by piece, and recorded with the backend's own figures.
    for (const turn of luTurns) expect(streamedText(events).get(turn.id)).toBe('Coffee wakes you.');
    expect(events.filter((event) => event.type === 'token' && event.turnId === luTurns[0]?.id).length).toBeGreaterThan(0);
    expect(luTurns.map((turn) => turn.metrics)).toEqual([FAKE_METRICS, FAKE_METRICS]);
    // Lu heard Ada; Ollama never heard of Lu's model, and loaded only Ada's.
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]?.messages.at(-1)?.content).toContain(OLLAMA_REPLY);
    expect(modelsAsked(sim)).not.toContain('gpt-test');
    expect(sim.chatRequests(ADA.model)).toHaveLength(2);
    expect(fake.prepared).toEqual([[expect.objectContaining({ name: 'Lu', backend: 'vscode-lm' })]]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', speakers: [{ name: 'Ada' }, { name: 'Lu', backend: 'vscode-lm' }] });
  });

  it('needs no Ollama at all when every speaker is on another backend', async () => {
    const fake = new FakeBackend();
    // Port 9 (discard): nothing answers there, and nothing must be asked.
    const config = { topic: 'Tea?', exchanges: 1, host: 'http://127.0.0.1:9', speakers: [LM, { ...LM, name: 'Mo' }] };
    const events = await collectRun(sessions({ 'vscode-lm': fake }).start(config));
    expect(errorsOf(events)).toEqual([]);
    expect(turnsOf(events).map((turn) => turn.text)).toEqual(['Coffee wakes you.', 'Coffee wakes you.']);
    expect(events).toContainEqual({ type: 'models-loading', models: ['gpt-test'] });
  });

  it.each([512, 100_000])("sizes the prompt to the backend's window (%i tokens)", async (window) => {
    const sim = await ollama();
    const fake = new FakeBackend({ window });
    const topic = `Is tea better than coffee? ${'Consider every angle. '.repeat(150)}`;
    const events = await collectRun(sessions({ 'vscode-lm': fake }).start(debate(sim, [LM], { topic })));
    expect(fake.requests.map((request) => request.contextWindow)).toEqual([window]);
    const tooSmall = events.filter((event) => event.type === 'warning' && event.message.includes(`gpt-test's context window of ${window.toLocaleString('en-US')} tokens`));
    expect(tooSmall).toHaveLength(window === 512 ? 1 : 0);
  });

  it("stops before the first turn with the backend's own words when its prepare fails", async () => {
    const sim = await ollama();
    const refusal: DebateError = { kind: 'unknown', speaker: 'Lu', model: 'gpt-test', message: 'Talking Models may not use GPT Test: choose Allow.' };
    const fake = new FakeBackend({ refusal });
    const events = await collectRun(sessions({ 'vscode-lm': fake }).start(debate(sim, [ADA, LM])));
    expect(errorsOf(events)).toEqual([refusal]);
    expect(events.some((event) => event.type === 'turn-start')).toBe(false);
    expect(fake.requests).toEqual([]);
    expect(sim.chatRequests()).toEqual([]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', turns: [] });
  });

  it('keeps its own token calibration, apart from an Ollama model of the same name', () => {
    expect(calibrationKey(ADA)).toBe('llama3.2:1b');
    expect(calibrationKey({ ...LM, model: ADA.model })).not.toBe(calibrationKey(ADA));
  });

  it('keeps the partial reply as a stopped turn when stopped mid-turn', async () => {
    const stop = new AbortController();
    const fake = new FakeBackend({ pieces: ['One ', 'two ', 'three ', 'four.'], afterPiece: (index) => index === 1 && stop.abort() });
    const config = { topic: 'Tea?', exchanges: 2, host: 'http://127.0.0.1:9', speakers: [LM] };
    const events = await collectRun(sessions({ 'vscode-lm': fake }).start(config, { signal: stop.signal }));
    expect(turnsOf(events).map((turn) => [turn.status, turn.text])).toEqual([['stopped', 'One two ']]);
    expect(transcriptOf(events).outcome).toBe('stopped');
  });
});

describe('a speaker on a backend the process lacks (the CLI and a VS Code model speaker)', () => {
  const expected = 'Speaker 2 (Lu) speaks through VS Code\'s language model "gpt-test", which only the Talking Models extension can run: continue this debate in VS Code.';

  it('fails before the first turn, asking nothing of Ollama, and says where to continue', async () => {
    const sim = await ollama();
    const events = await collectRun(sessions().start(debate(sim, [ADA, LM])));
    expect(errorsOf(events)).toEqual([{ kind: 'invalid-config', field: 'speakers[1].backend', speaker: 'Lu', model: 'gpt-test', message: expected }]);
    expect(missingBackendError(LM, 1, 'vscode-lm').message).toBe(expected);
    expect(events.some((event) => event.type === 'turn-start')).toBe(false);
    expect(sim.requests).toEqual([]);
  });

  it('keeps the transcript of a debate begun where the backend was, when continued where it is not', async () => {
    const sim = await ollama();
    const store = new MemoryDebateStore();
    const begun = await collectRun(sessions({ 'vscode-lm': new FakeBackend() }, store).start(debate(sim, [ADA, LM])));
    const { id, turns } = transcriptOf(begun);
    expect(turns).toHaveLength(2);
    const continued = await collectRun(sessions({}, store).continue(id, 1));
    expect(errorsOf(continued).map((error) => error.message)).toEqual([expected]);
    expect(continued.some((event) => event.type === 'turn-start')).toBe(false);
    expect(transcriptOf(continued).turns).toEqual(turns);
    expect(sim.chatRequests()).toHaveLength(1);
  });
});
