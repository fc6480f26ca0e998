// DebateSessions against the Ollama simulator: every operation a person has on a
// debate (start, pause, resume with the moderator's word, stop, continue,
// regenerate, choose an alternative, branch), judged by the events, the
// transcript and the exact requests the simulator received.
import { StateGraph } from '@langchain/langgraph';
import { describe, expect, it, vi } from 'vitest';
import { answerNote, continueNote } from '../../engine/context';
import { EngineError } from '../../engine/errors';
import { debateGraph } from '../../engine/graph/graph';
import { MAX_TOTAL_EXCHANGES } from '../../engine/limits';
import { transcriptToMarkdown } from '../../engine/markdown';
import { runCutOff } from '../../engine/run-cut-off';
import { cutOffTurn, DebateSessions, type DebateRun } from '../../engine/session';
import { MemoryDebateStore } from '../../engine/store';
import { findTone } from '../../engine/tones';
import { roundOrder } from '../../engine/turn-order';
import type { DebateConfig, DebateEvent, SpeakerConfig } from '../../engine/types';
import type { ChatRequestBody, OllamaSimulator, SimModel } from '../simulator/ollama-simulator';
import { chatMessages, collectRun, debate, errorsOf, simulator, speakerTurns, streamedText, transcriptOf, turnsOf } from './simulated-debate';
import { closedPort } from '../simulator/closed-port';

const ADA: SpeakerConfig = { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' };
const BOB: SpeakerConfig = { name: 'Bob', model: 'beta:1b', tone: 'Polite' };

/** A model whose every reply is new: "<label> reply <n>." plus `words` filler words (long replies give time to stop mid-turn). */
function numbered(name: string, label: string, words = 0): SimModel {
  let count = 0;
  const filler = Array.from({ length: words }, (_, i) => ` w${i}`).join('');
  return { name, reply: (_request: ChatRequestBody) => `${label} reply ${++count}.${filler}` };
}

async function twoModels(options: { words?: number; tokenDelayMs?: number } = {}): Promise<OllamaSimulator> {
  return simulator({
    models: [numbered('alpha:1b', 'Ada', options.words), numbered('beta:1b', 'Bob', options.words)],
    ...(options.tokenDelayMs !== undefined && { tokenDelayMs: options.tokenDelayMs }),
  });
}

function sessions(): DebateSessions {
  return new DebateSessions(new MemoryDebateStore());
}

/** Runs to the end, calling `onEvent` as each event arrives (it may pause the run or stop it). */
async function runWith(run: DebateRun, onEvent: (event: DebateEvent, seen: DebateEvent[]) => void): Promise<DebateEvent[]> {
  const seen: DebateEvent[] = [];
  for await (const event of run.events) {
    seen.push(event);
    onEvent(event, seen);
  }
  return seen;
}

/** Starts a debate and asks for a pause as its first turn starts: it waits for the moderator after that turn. */
async function startPaused(debates: DebateSessions, config: DebateConfig): Promise<{ id: string; events: DebateEvent[] }> {
  const run = debates.start(config);
  const events = await runWith(run, (event) => {
    if (event.type === 'turn-start') run.requestPause();
  });
  expect(transcriptOf(events).outcome).toBe('paused');
  return { id: run.id, events };
}

/**
 * Starts a debate and aborts it once `chars` characters of `speaker`'s first turn have streamed
 * (counted in characters: a consumer that falls behind gets adjacent tokens joined into one event).
 */
async function startAndStop(debates: DebateSessions, config: DebateConfig, speaker: string, chars = 'Bob reply 1.'.length) {
  const controller = new AbortController();
  const run = debates.start(config, { signal: controller.signal });
  let turnId: string | null = null;
  let streamed = '';
  const events = await runWith(run, (event) => {
    if (event.type === 'turn-start' && event.speaker === speaker && turnId === null) turnId = event.turnId;
    if (event.type === 'token' && event.turnId === turnId) streamed += event.text;
    if (streamed.length >= chars && !controller.signal.aborted) controller.abort();
  });
  expect(controller.signal.aborted).toBe(true);
  return { id: run.id, events, streamed };
}

/** Every message content of every chat request from request number `from` on. */
function contentsFrom(sim: OllamaSimulator, from: number): string[] {
  return chatMessages(sim).slice(from).flatMap((messages) => messages.map((m) => m.content));
}

describe('start', () => {
  it('runs a debate to complete by its exchange count, with the record and events of a run', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 2 }));
    const events = await collectRun(run);
    expect(events[0]).toMatchObject({ type: 'run-start', transcript: { id: run.id, outcome: 'running', stopReason: null, turns: [] } });
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ id: run.id, outcome: 'complete', stopReason: 'exchanges', exchanges: 2 });
    expect(transcript.endedAt).not.toBeNull();
    expect(speakerTurns(transcript.turns).map((t) => [t.speaker, t.exchange, t.text])).toEqual([
      ['Ada', 1, 'Ada reply 1.'],
      ['Bob', 1, 'Bob reply 1.'],
      ['Ada', 2, 'Ada reply 2.'],
      ['Bob', 2, 'Bob reply 2.'],
    ]);
    expect(errorsOf(events)).toEqual([]);
    // The session keeps it: the transcript read back is the one the run ended with.
    expect(await debates.transcript(run.id)).toEqual(transcript);
    expect(debates.store.read(run.id)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', turnCount: 4 });
  });

  it('compiles the debate graph once per speaker count and store: every debate is a thread on it', async () => {
    const sim = await twoModels();
    const store = new MemoryDebateStore();
    const debates = new DebateSessions(store);
    const compile = vi.spyOn(StateGraph.prototype, 'compile');
    try {
      for (let i = 0; i < 3; i++) expect(transcriptOf(await collectRun(debates.start(debate(sim, [ADA, BOB]))))).toMatchObject({ outcome: 'complete' });
      const graph = debateGraph(2, store.checkpointer);
      await collectRun(new DebateSessions(store).start(debate(sim, [BOB, ADA])));
      expect(compile).toHaveBeenCalledTimes(1);
      expect(debateGraph(2, store.checkpointer)).toBe(graph);
      await collectRun(debates.start(debate(sim, [ADA])));
      expect(compile).toHaveBeenCalledTimes(2);
    } finally {
      compile.mockRestore();
    }
  });

  it('refuses an invalid configuration with an error event and sends nothing', async () => {
    const sim = await twoModels();
    const events = await collectRun(sessions().start(debate(sim, [ADA, { ...BOB, tone: 'Grumpy' }])));
    expect(events.map((e) => e.type)).toEqual(['run-start', 'error', 'run-end']);
    expect(errorsOf(events)[0]).toMatchObject({ kind: 'invalid-config' });
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', stopReason: 'error', turns: [] });
    expect(sim.requests).toHaveLength(0);
  });
});

describe('pause and the moderator', () => {
  it('pauses after the turn in progress when asked, and resume() goes on from there', async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id, events } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 2 }));
    const paused = transcriptOf(events);
    expect(paused).toMatchObject({ outcome: 'paused', stopReason: null, endedAt: null });
    expect(speakerTurns(paused.turns).map((t) => t.text)).toEqual(['Ada reply 1.']);
    expect(sim.chatRequests()).toHaveLength(1);
    expect((await debates.transcript(id)).outcome).toBe('paused');

    const resumed = await collectRun(debates.resume(id, {}));
    expect(resumed[0]).toMatchObject({ type: 'run-start', transcript: { outcome: 'running' } });
    expect(turnsOf(resumed).map((t) => t.text)).toEqual(['Bob reply 1.', 'Ada reply 2.', 'Bob reply 2.']);
    expect(transcriptOf(resumed)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(transcriptOf(resumed).turns).toHaveLength(4);
  });

  it("sends the moderator's note to every later speaker, labelled, and keeps it in the transcript", async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 2 }));
    const events = await collectRun(debates.resume(id, { note: '  Talk about price.  ' }));
    const transcript = transcriptOf(events);
    expect(transcript.outcome).toBe('complete');
    expect(transcript.turns.map((t) => t.kind)).toEqual(['speaker', 'moderator', 'speaker', 'speaker', 'speaker']);
    expect(transcript.turns[1]).toMatchObject({ kind: 'moderator', text: 'Talk about price.', exchange: 1 });
    // Shown as it is made: the note's turn-end comes before the next speaker's turn starts.
    const kinds = events.flatMap((e) => (e.type === 'turn-end' ? [e.turn.kind] : e.type === 'turn-start' ? ['start'] : []));
    expect(kinds.slice(0, 2)).toEqual(['moderator', 'start']);
    const later = chatMessages(sim).slice(1);
    expect(later).toHaveLength(3);
    for (const messages of later) {
      expect(messages).toContainEqual({ role: 'user', content: 'Moderator: Talk about price.' });
    }
    // In its place: after Ada's first turn, before Bob's.
    expect(later[2]?.slice(1).map((m) => m.content)).toEqual([
      'The topic of the debate: Is tea better than coffee?',
      'Ada (Cynic): Ada reply 1.',
      'Moderator: Talk about price.',
      'Bob reply 1.',
      'Ada (Cynic): Ada reply 2.',
    ]);
  });

  it('lets the moderator choose who speaks next; the round goes on from them', async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 1 }));
    const events = await collectRun(debates.resume(id, { nextSpeaker: 0 }));
    expect(turnsOf(events).map((t) => [t.speaker, t.exchange])).toEqual([
      ['Ada', 1],
      ['Bob', 1],
    ]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(sim.chatRequests().map((r) => (r.body as ChatRequestBody).model)).toEqual(['alpha:1b', 'alpha:1b', 'beta:1b']);
  });

  it('lets the moderator change the exchanges', async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 1 }));
    const events = await collectRun(debates.resume(id, { exchanges: 2 }));
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', exchanges: 2 });
    expect(speakerTurns(transcript.turns).map((t) => t.exchange)).toEqual([1, 1, 2, 2]);
    expect(debates.store.read(id)).toMatchObject({ exchanges: 2, turnCount: 4 });
  });

  it('lets the moderator end the debate: complete, ended by the moderator, with no further request', async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 3 }));
    const events = await collectRun(debates.resume(id, { end: true, note: 'Thank you both.' }));
    expect(turnsOf(events)).toEqual([]);
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'moderator' });
    expect(transcript.endedAt).not.toBeNull();
    expect(transcript.turns.map((t) => [t.kind, t.text])).toEqual([
      ['speaker', 'Ada reply 1.'],
      ['moderator', 'Thank you both.'],
    ]);
    expect(sim.chatRequests()).toHaveLength(1);
  });

  it('refuses invalid replies with an error event and changes nothing', async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 2 }));
    const before = await debates.transcript(id);
    const requestsBefore = sim.requests.length;
    for (const reply of [{ nextSpeaker: 2 }, { exchanges: 0 }, { exchanges: MAX_TOTAL_EXCHANGES + 1 }, { note: 'x'.repeat(4001) }, { exchanges: 1.5 }]) {
      const events = await collectRun(debates.resume(id, reply));
      expect(events.map((e) => e.type), JSON.stringify(reply)).toEqual(['run-start', 'error', 'run-end']);
      expect(errorsOf(events)[0]?.kind).toBe('invalid-config');
      expect(transcriptOf(events)).toEqual(before);
    }
    expect(await debates.transcript(id)).toEqual(before);
    expect(sim.requests).toHaveLength(requestsBefore);
    // Still waiting: a valid reply then goes on.
    const events = await collectRun(debates.resume(id, { exchanges: 1 }));
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', exchanges: 1 });
    expect(speakerTurns(transcriptOf(events).turns).map((t) => t.speaker)).toEqual(['Ada', 'Bob']);
  });

  it('refuses to resume a debate that is not waiting for the moderator, or that does not exist', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    await collectRun(run);
    const before = await debates.transcript(run.id);
    const notWaiting = await collectRun(debates.resume(run.id, { note: 'Hello?' }));
    expect(errorsOf(notWaiting)).toEqual([expect.objectContaining({ kind: 'invalid-config', message: 'This debate is not waiting for the moderator.' })]);
    expect(await debates.transcript(run.id)).toEqual(before);
    const missing = await collectRun(debates.resume('no-such-debate', {}));
    expect(errorsOf(missing)).toEqual([expect.objectContaining({ kind: 'invalid-config', message: 'No debate no-such-debate in the library.' })]);
    expect(missing.at(-1)?.type).toBe('run-end');
  });

  it('pauses after every turn with pauseAfterEveryTurn', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const options = { pauseAfterEveryTurn: true };
    const first = await collectRun(debates.start(debate(sim, [ADA, BOB], { exchanges: 2 }), options));
    const id = transcriptOf(first).id;
    const spoken = [turnsOf(first).map((t) => t.text)];
    expect(transcriptOf(first).outcome).toBe('paused');
    for (let run = 0; run < 2; run++) {
      const events = await collectRun(debates.resume(id, {}, options));
      expect(transcriptOf(events).outcome).toBe('paused');
      spoken.push(turnsOf(events).map((t) => t.text));
    }
    // After the last planned turn there is nothing to wait before: the debate ends (Continue adds more).
    const last = await collectRun(debates.resume(id, {}, options));
    spoken.push(turnsOf(last).map((t) => t.text));
    expect(spoken).toEqual([['Ada reply 1.'], ['Bob reply 1.'], ['Ada reply 2.'], ['Bob reply 2.']]);
    expect(transcriptOf(last)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
  });

  it('continue() on a paused debate goes on as a resume would, with the exchanges added', async () => {
    const sim = await twoModels({ tokenDelayMs: 5 });
    const debates = sessions();
    const { id } = await startPaused(debates, debate(sim, [ADA, BOB], { exchanges: 1 }));
    const events = await collectRun(debates.continue(id, 1));
    expect(turnsOf(events).map((t) => [t.speaker, t.exchange])).toEqual([
      ['Bob', 1],
      ['Ada', 2],
      ['Bob', 2],
    ]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', exchanges: 2 });
  });

  it('does not pause by default', async () => {
    const sim = await twoModels();
    const events = await collectRun(sessions().start(debate(sim, [ADA, BOB], { exchanges: 2 })));
    expect(turnsOf(events)).toHaveLength(4);
    expect(transcriptOf(events).outcome).toBe('complete');
  });
});

describe('stop and continue', () => {
  it('keeps the stopped turn with its partial text: outcome stopped by the user', async () => {
    const sim = await twoModels({ words: 60, tokenDelayMs: 5 });
    const debates = sessions();
    const { id, events, streamed } = await startAndStop(debates, debate(sim, [ADA, BOB], { exchanges: 2 }), 'Bob');
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'stopped', stopReason: 'user' });
    // Everything shown before the stop is kept, and nothing more was said after it.
    const bobsTurn = speakerTurns(transcript.turns)[1];
    expect(bobsTurn?.text.startsWith(streamed)).toBe(true);
    expect(streamedText(events).get(bobsTurn?.id ?? '?')).toBe(bobsTurn?.text);
    const turns = speakerTurns(transcript.turns);
    expect(turns.map((t) => [t.speaker, t.status])).toEqual([
      ['Ada', 'complete'],
      ['Bob', 'stopped'],
    ]);
    const full = `Bob reply 1.${Array.from({ length: 60 }, (_, i) => ` w${i}`).join('')}`;
    expect(turns[1]?.text.startsWith('Bob reply 1.')).toBe(true);
    expect(full.startsWith(turns[1]?.text ?? '?')).toBe(true);
    expect(turns[1]?.text.length).toBeLessThan(full.length);
    expect(turns[1]?.note).toBe('Stopped by the user.');
    expect(await debates.transcript(id)).toEqual(transcript);
    expect(debates.store.read(id)).toMatchObject({ outcome: 'stopped', stopReason: 'user' });
  });

  it('a run cut off (its signal aborted with a RunCutOff) stands interrupted, the turn kept with the cut-off note, even while models load', async () => {
    const sim = await twoModels({ words: 60, tokenDelayMs: 5 });
    const debates = sessions();
    const controller = new AbortController();
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 1 }), { signal: controller.signal });
    const note = 'Cut off: its panel closed.';
    const events = await runWith(run, (event) => {
      if (event.type === 'token' && !controller.signal.aborted) controller.abort(runCutOff(note));
    });
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'interrupted', stopReason: null });
    expect(speakerTurns(transcript.turns)).toEqual([expect.objectContaining({ speaker: 'Ada', status: 'stopped', note })]);
    expect(debates.store.read(run.id)).toMatchObject({ outcome: 'interrupted', stopReason: null });
    // Before any turn (the models still loading), the same.
    const early = new AbortController();
    const before = debates.start(debate(sim, [ADA, BOB], { exchanges: 1 }), { signal: early.signal });
    const loading = await runWith(before, (event) => {
      if (event.type === 'run-start') early.abort(runCutOff(note));
    });
    expect(transcriptOf(loading)).toMatchObject({ outcome: 'interrupted', stopReason: null, turns: [] });
  });

  it('saves the turn in progress with its reasoning, apart from the reply, so a kill keeps both', async () => {
    const reasoning = 'Ada weighs the options before speaking.';
    const sim = await simulator({ models: [{ name: 'alpha:1b', thinking: reasoning, reply: `Ada says${' more'.repeat(80)}` }], tokenDelayMs: 5 });
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA], { exchanges: 1 }));
    let saved: ReturnType<DebateSessions['store']['readLiveTurns']>[number] | null = null;
    await runWith(run, (event) => {
      // Well into the reply (each save is at most LIVE_TURN_SAVE_INTERVAL_MS apart): what the disk holds now.
      if (event.type === 'token' && saved === null) {
        const [live] = debates.store.readLiveTurns(run.id);
        if (live !== undefined && live.text.length > 40) saved = live;
      }
    });
    expect(saved).toMatchObject({ speaker: 'Ada', thinking: reasoning });
    expect(saved!.text.startsWith('Ada says')).toBe(true);
    expect(saved!.text).not.toContain(reasoning);
    expect(cutOffTurn(saved!)).toMatchObject({ thinking: reasoning, status: 'stopped', text: saved!.text });
  });

  it('continue() gives the stopped turn back to its speaker, and never sends the stopped text', async () => {
    const sim = await twoModels({ words: 60, tokenDelayMs: 5 });
    const debates = sessions();
    const { id, events } = await startAndStop(debates, debate(sim, [ADA, BOB], { exchanges: 2 }), 'Bob');
    const stopped = speakerTurns(transcriptOf(events).turns)[1];
    if (stopped === undefined) throw new Error('no stopped turn');
    sim.setOptions({ tokenDelayMs: 0 });
    const sent = sim.chatRequests().length;

    const continued = await collectRun(debates.continue(id, undefined));
    expect(turnsOf(continued).map((t) => [t.speaker, t.exchange, t.status])).toEqual([
      ['Bob', 1, 'complete'],
      ['Ada', 2, 'complete'],
      ['Bob', 2, 'complete'],
    ]);
    const transcript = transcriptOf(continued);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', exchanges: 2 });
    // The stopped turn stays, marked, before the reply that replaced it.
    expect(speakerTurns(transcript.turns).map((t) => t.status)).toEqual(['complete', 'stopped', 'complete', 'complete', 'complete']);
    expect(transcript.turns[1]).toEqual(stopped);
    expect(new Set(transcript.turns.map((t) => t.id)).size).toBe(5);
    const later = contentsFrom(sim, sent);
    expect(later.length).toBeGreaterThan(0);
    for (const content of later) expect(content).not.toContain(stopped.text);
    expect(later.some((content) => content.includes('Bob reply 1.'))).toBe(false);
  });

  it('continue(id, n) adds n exchanges to a complete debate', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 1 }));
    await collectRun(run);
    const events = await collectRun(debates.continue(run.id, 2));
    expect(events[0]).toMatchObject({ type: 'run-start', transcript: { outcome: 'running' } });
    expect(turnsOf(events).map((t) => [t.speaker, t.exchange])).toEqual([
      ['Ada', 2],
      ['Bob', 2],
      ['Ada', 3],
      ['Bob', 3],
    ]);
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', exchanges: 3 });
    expect(transcript.turns).toHaveLength(6);
    expect(debates.store.read(run.id)).toMatchObject({ exchanges: 3, turnCount: 6 });
    // The new turns heard the whole debate before them.
    expect(chatMessages(sim)[2]?.slice(2).map((m) => m.content)).toEqual(['Ada reply 1.', 'Bob (Polite): Bob reply 1.']);
  });

  it('refuses to continue a finished debate without a count, or past the most exchanges in all', async () => {
    const sim = await simulator({ models: [numbered('alpha:1b', 'Ada')] });
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA], { exchanges: 20 }));
    await collectRun(run);
    for (let added = 0; added < 4; added++) expect(transcriptOf(await collectRun(debates.continue(run.id, 20))).outcome).toBe('complete');
    const full = await debates.transcript(run.id);
    expect(full).toMatchObject({ exchanges: MAX_TOTAL_EXCHANGES, outcome: 'complete' });
    expect(full.turns).toHaveLength(MAX_TOTAL_EXCHANGES);
    const sent = sim.requests.length;

    const beyond = await collectRun(debates.continue(run.id, 1));
    expect(errorsOf(beyond)).toEqual([expect.objectContaining({ kind: 'invalid-config', field: 'exchanges' })]);
    expect(errorsOf(beyond)[0]?.message).toContain(`at most ${MAX_TOTAL_EXCHANGES} exchanges`);
    const noCount = await collectRun(debates.continue(run.id, undefined));
    expect(errorsOf(noCount)[0]?.message).toContain('say how many more to add');
    const tooMany = await collectRun(debates.continue(run.id, 21));
    expect(errorsOf(tooMany)[0]?.message).toContain('1 to 20 exchanges at a time');
    expect(await debates.transcript(run.id)).toEqual(full);
    expect(sim.requests).toHaveLength(sent);
  });

  it('refuses a second run of a debate while one runs, leaving the first to finish', async () => {
    const sim = await twoModels({ words: 20, tokenDelayMs: 5 });
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    let second: Promise<DebateEvent[]> | null = null;
    const events = await runWith(run, (event) => {
      if (event.type === 'turn-start' && second === null) second = collectRun(debates.continue(run.id, 1));
    });
    if (second === null) throw new Error('no second run');
    const refused: DebateEvent[] = await second;
    expect(refused.map((e) => e.type)).toEqual(['run-start', 'error', 'run-end']);
    expect(errorsOf(refused)[0]?.message).toContain('open for writing elsewhere');
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', exchanges: 1 });
    expect(transcriptOf(events).turns).toHaveLength(2);
  });
});

describe('regenerate and alternatives', () => {
  it('speaks the last turn again under the same id, keeping the earlier reply as an alternative', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    const original = transcriptOf(await collectRun(run));
    const last = speakerTurns(original.turns)[1];
    if (last === undefined) throw new Error('no last turn');
    const sent = sim.chatRequests().length;

    const events = await collectRun(debates.regenerate(run.id));
    const starts = events.filter((e) => e.type === 'turn-start');
    expect(starts).toEqual([expect.objectContaining({ turnId: last.id, speaker: 'Bob', exchange: 1 })]);
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(transcript.turns).toHaveLength(2);
    const redone = speakerTurns(transcript.turns)[1];
    expect(redone).toMatchObject({ id: last.id, text: 'Bob reply 2.', status: 'complete' });
    expect(redone?.alternatives).toEqual([{ text: 'Bob reply 1.', status: 'complete', metrics: last.metrics }]);
    expect(transcript.turns[0]).toEqual(original.turns[0]);
    // Asked afresh: the same context as the first time, without the old reply.
    const requests = chatMessages(sim);
    expect(requests).toHaveLength(sent + 1);
    expect(requests[sent]).toEqual(requests[1]);
    for (const content of contentsFrom(sim, sent)) expect(content).not.toContain('Bob reply 1.');
  });

  it('chooseAlternative swaps the chosen reply back in, keeping the other as an alternative', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    await collectRun(run);
    await collectRun(debates.regenerate(run.id));
    const regenerated = await debates.transcript(run.id);
    const turnId = regenerated.turns[1]?.id ?? '?';

    const chosen = await debates.chooseAlternative(run.id, turnId, 0);
    expect(speakerTurns(chosen.turns)[1]).toMatchObject({ id: turnId, text: 'Bob reply 1.', alternatives: [expect.objectContaining({ text: 'Bob reply 2.' })] });
    expect(chosen.turns).toHaveLength(2);
    expect(chosen.outcome).toBe('complete');
    expect(await debates.transcript(run.id)).toEqual(chosen);
    // And back again.
    const back = await debates.chooseAlternative(run.id, turnId, 0);
    expect(speakerTurns(back.turns)[1]).toMatchObject({ text: 'Bob reply 2.', alternatives: [expect.objectContaining({ text: 'Bob reply 1.' })] });
    // The chosen reply is what later speakers hear.
    await debates.chooseAlternative(run.id, turnId, 0);
    const sent = sim.chatRequests().length;
    await collectRun(debates.continue(run.id, 1));
    const adaNext = chatMessages(sim)[sent]?.map((m) => m.content) ?? [];
    expect(adaNext).toContain('Bob (Polite): Bob reply 1.');
    expect(adaNext.join('\n')).not.toContain('Bob reply 2.');
  });

  it('chooseAlternative on a paused debate leaves it paused, and resume goes on from the chosen reply', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const options = { pauseAfterEveryTurn: true };
    const first = await collectRun(debates.start(debate(sim, [ADA, BOB]), options));
    const id = transcriptOf(first).id;
    const regenerated = transcriptOf(await collectRun(debates.regenerate(id, options)));
    expect(regenerated.outcome).toBe('paused');
    expect(regenerated.turns.map((t) => t.text)).toEqual(['Ada reply 2.']);

    const chosen = await debates.chooseAlternative(id, regenerated.turns[0]?.id ?? '?', 0);
    expect(chosen.outcome).toBe('paused');
    expect(chosen.turns.map((t) => t.text)).toEqual(['Ada reply 1.']);
    expect(await debates.transcript(id)).toEqual(chosen);
    const sent = sim.chatRequests().length;
    const resumed = await collectRun(debates.resume(id, { note: 'Go on.' }));
    expect(errorsOf(resumed)).toEqual([]);
    expect(turnsOf(resumed).map((t) => t.speaker)).toEqual(['Bob']);
    expect(chatMessages(sim)[sent]?.slice(2).map((m) => m.content)).toEqual(['Ada (Cynic): Ada reply 1.', 'Moderator: Go on.']);
  });

  it('refuses a reply number the turn does not have', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    const transcript = transcriptOf(await collectRun(run));
    await expect(debates.chooseAlternative(run.id, transcript.turns[1]?.id ?? '?', 0)).rejects.toBeInstanceOf(EngineError);
    await expect(debates.chooseAlternative(run.id, 'nope', 0)).rejects.toThrow('has no reply number 1');
    expect(await debates.transcript(run.id)).toEqual(transcript);
  });
});

describe('turn orders', () => {
  const CY: SpeakerConfig = { name: 'Cy', model: 'gamma:1b', tone: 'Rational' };
  async function threeModels(): Promise<OllamaSimulator> {
    return simulator({ models: [numbered('alpha:1b', 'Ada'), numbered('beta:1b', 'Bob'), numbered('gamma:1b', 'Cy')] });
  }
  const spokenOrder = (transcript: { turns: Parameters<typeof speakerTurns>[0] }) => speakerTurns(transcript.turns).map((t) => [t.exchange, t.speakerIndex]);

  it('random: every round is a shuffle from the recorded seed; the same seed gives the same rounds', async () => {
    const sim = await threeModels();
    const debates = sessions();
    const config = { ...debate(sim, [ADA, BOB, CY], { exchanges: 6 }), order: { kind: 'random' as const, seed: 42 } };
    const first = transcriptOf(await collectRun(debates.start(config)));
    const expected = [1, 2, 3, 4, 5, 6].flatMap((round) => roundOrder({ kind: 'random', seed: 42 }, round, 3).map((speaker) => [round, speaker]));
    expect(spokenOrder(first)).toEqual(expected);
    expect(first.order).toEqual({ kind: 'random', seed: 42 });
    const again = transcriptOf(await collectRun(debates.start(config)));
    expect(spokenOrder(again)).toEqual(expected);
    // Not the listed order every round (the seed is chosen so it isn't).
    expect(expected).not.toEqual([1, 2, 3, 4, 5, 6].flatMap((round) => [0, 1, 2].map((speaker) => [round, speaker])));
  });

  it('random without a seed records the one it drew, so the debate reads and continues the same way', async () => {
    const sim = await threeModels();
    const debates = sessions();
    const run = debates.start({ ...debate(sim, [ADA, BOB, CY], { exchanges: 2 }), order: { kind: 'random' } });
    const transcript = transcriptOf(await collectRun(run));
    const seed = transcript.order?.seed;
    expect(Number.isInteger(seed)).toBe(true);
    expect(debates.store.read(run.id)?.order).toEqual({ kind: 'random', seed });
    const continued = transcriptOf(await collectRun(debates.continue(run.id, 2)));
    const expected = [1, 2, 3, 4].flatMap((round) => roundOrder({ kind: 'random', seed }, round, 3).map((speaker) => [round, speaker]));
    expect(spokenOrder(continued)).toEqual(expected);
  });

  it('random: stop, regenerate and branch pick up at the right speaker of the shuffled round', async () => {
    const sim = await simulator({ models: [numbered('alpha:1b', 'Ada', 30), numbered('beta:1b', 'Bob', 30), numbered('gamma:1b', 'Cy', 30)], tokenDelayMs: 5 });
    const debates = sessions();
    const order = { kind: 'random' as const, seed: 7 };
    const round1 = roundOrder(order, 1, 3);
    const second = [ADA, BOB, CY][round1[1] as number] as SpeakerConfig;
    const { id } = await startAndStop(debates, { ...debate(sim, [ADA, BOB, CY], { exchanges: 2 }), order }, second.name, 5);
    const stopped = await debates.transcript(id);
    expect(spokenOrder(stopped)).toEqual([[1, round1[0]], [1, round1[1]]]);
    // Continue gives the stopped turn back to its speaker, then the shuffled rounds go on.
    const continued = transcriptOf(await collectRun(debates.continue(id, undefined)));
    const expected = [1, 2].flatMap((round) => roundOrder(order, round, 3).map((speaker) => [round, speaker]));
    expect(spokenOrder(continued).filter((_, i) => i !== 1)).toEqual(expected);
    // Regenerate speaks the last turn again and ends where it was.
    const regenerated = transcriptOf(await collectRun(debates.regenerate(id)));
    expect(spokenOrder(regenerated)).toEqual(spokenOrder(continued));
    // A branch after the first turn goes on with the second of round 1.
    const branchId = await debates.branch(id, { atTurn: 1, exchanges: 1 });
    const branched = transcriptOf(await collectRun(debates.continue(branchId, undefined)));
    expect(spokenOrder(branched)).toEqual(roundOrder(order, 1, 3).map((speaker) => [1, speaker]));
  });

  it('random: the moderator’s next speaker is a speaker (not a position), and the shuffled round goes on from them', async () => {
    const sim = await threeModels();
    const debates = sessions();
    // Seed 0 shuffles round 1 to [2, 0, 1]: the last speaker's index (1) is not its place (2).
    const order = { kind: 'random' as const, seed: 0 };
    const { id } = await startPaused(debates, { ...debate(sim, [ADA, BOB, CY], { exchanges: 1 }), order });
    const round1 = roundOrder(order, 1, 3);
    const last = round1[2] as number;
    expect(last).not.toBe(2);
    const resumed = transcriptOf(await collectRun(debates.resume(id, { nextSpeaker: last })));
    expect(spokenOrder(resumed)).toEqual([[1, round1[0]], [1, last]]);
  });

  it('reply: listed order, and each speaker is asked by name to answer the one before', async () => {
    const sim = await threeModels();
    const run = sessions().start({ ...debate(sim, [ADA, BOB, CY], { exchanges: 2 }), order: { kind: 'reply' } });
    const transcript = transcriptOf(await collectRun(run));
    expect(spokenOrder(transcript)).toEqual([[1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]]);
    const closing = chatMessages(sim).map((messages) => messages[messages.length - 1]?.content);
    expect(closing).toEqual([
      'The topic of the debate: ' + transcript.topic,
      answerNote('Ada'),
      answerNote('Bob'),
      answerNote('Cy'),
      answerNote('Ada'),
      answerNote('Bob'),
    ]);
    expect(transcript.order).toEqual({ kind: 'reply' });
  });

  it('round-robin sends no answer note and records no order', async () => {
    const sim = await threeModels();
    const transcript = transcriptOf(await collectRun(sessions().start(debate(sim, [ADA, BOB, CY], { exchanges: 1 }))));
    expect(contentsFrom(sim, 0).some((content) => content.startsWith('Answer '))).toBe(false);
    expect(transcript.order).toBeUndefined();
  });

  it('refuses an unknown order or a seed out of range before anything is sent', async () => {
    const sim = await threeModels();
    const orders = [{ kind: 'alphabetical' }, { kind: 'random', seed: -1 }, { kind: 'random', seed: 2 ** 32 }, { kind: 'random', seed: 1.5 }] as DebateConfig['order'][];
    for (const order of orders) {
      const events = await collectRun(sessions().start({ ...debate(sim, [ADA, BOB], { exchanges: 1 }), order }));
      expect(errorsOf(events)[0]).toMatchObject({ kind: 'invalid-config', field: expect.stringMatching(/^order\./) });
    }
    expect(chatMessages(sim)).toHaveLength(0);
  });
});

describe('stop conditions', () => {
  const LOOP = 'We keep coming back to the same point: the budget, the schedule and the risk all say the project should wait until next year.';
  /** A model that says something new `fresh` times, then the same reply over and over. */
  function loops(name: string, label: string, fresh: number): SimModel {
    let count = 0;
    return { name, reply: () => (++count <= fresh ? `${label} has a new point ${count}: ${'and more words to judge '.repeat(count)}` : LOOP) };
  }

  it('ends the debate early, complete, when a speaker repeats itself; the record and export say who and where', async () => {
    const sim = await simulator({ models: [loops('alpha:1b', 'Ada', 1), numbered('beta:1b', 'Bob')] });
    const debates = sessions();
    const run = debates.start({ ...debate(sim, [ADA, BOB], { exchanges: 6 }), stopOn: { repetition: { threshold: 0.6, ngram: 3 } } });
    const transcript = transcriptOf(await collectRun(run));
    // Ada: new point (1), the loop (2), the loop again (3): the third exchange's turn ends it.
    expect(speakerTurns(transcript.turns).map((t) => [t.speaker, t.exchange])).toEqual([['Ada', 1], ['Bob', 1], ['Ada', 2], ['Bob', 2], ['Ada', 3]]);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'repetition', stopNote: 'Ada repeated 100% of their reply from exchange 2 in exchange 3.' });
    expect(chatMessages(sim)).toHaveLength(5);
    expect(await debates.transcript(run.id)).toEqual(transcript);
    expect(debates.store.read(run.id)).toMatchObject({ outcome: 'complete', stopReason: 'repetition', stopNote: transcript.stopNote });
    expect(transcriptToMarkdown(transcript)).toContain('- **Ended by:** repetition: Ada repeated 100% of their reply from exchange 2 in exchange 3.');
  });

  it('keeps the rule for continue and branches, and clears the note once a later run ends otherwise', async () => {
    // Ada: a new point, the loop twice (the debate stops), then new points again.
    let count = 0;
    const recovers: SimModel = { name: 'alpha:1b', reply: () => (++count === 2 || count === 3 ? LOOP : `Ada point ${count}: ${'fresh words '.repeat(count)}`) };
    const sim = await simulator({ models: [recovers, numbered('beta:1b', 'Bob')] });
    const debates = sessions();
    const run = debates.start({ ...debate(sim, [ADA, BOB], { exchanges: 4 }), stopOn: { repetition: { threshold: 0.6, ngram: 3 } } });
    expect(transcriptOf(await collectRun(run))).toMatchObject({ stopReason: 'repetition', turns: { length: 5 } });
    const continued = transcriptOf(await collectRun(debates.continue(run.id, 1)));
    expect(continued).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', exchanges: 5, turns: { length: 10 } });
    expect(continued.stopNote).toBeUndefined();
    expect(debates.store.read(run.id)?.stopNote).toBeUndefined();
    // A branch keeps the rule: cut before the loop, Ada loops again and ends it.
    count = 1;
    const branchId = await debates.branch(run.id, { atTurn: 2 });
    const branched = transcriptOf(await collectRun(debates.continue(branchId, undefined)));
    expect(branched).toMatchObject({ outcome: 'complete', stopReason: 'repetition', stopNote: 'Ada repeated 100% of their reply from exchange 2 in exchange 3.' });
  });

  it('does not end a debate whose speakers only agree with one another word for word', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: () => LOOP }, { name: 'beta:1b', reply: () => `${LOOP} ` }] });
    const run = sessions().start({ ...debate(sim, [ADA, BOB], { exchanges: 1 }), stopOn: { repetition: { threshold: 0.6, ngram: 3 } } });
    expect(transcriptOf(await collectRun(run))).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
  });

  it('refuses a threshold or n-gram size out of range before anything is sent', async () => {
    const sim = await twoModels();
    for (const repetition of [{ threshold: 0, ngram: 3 }, { threshold: 1.5, ngram: 3 }, { threshold: 0.6, ngram: 0 }, { threshold: 0.6, ngram: 2.5 }]) {
      const events = await collectRun(sessions().start({ ...debate(sim, [ADA, BOB], { exchanges: 1 }), stopOn: { repetition } }));
      expect(errorsOf(events)[0]).toMatchObject({ kind: 'invalid-config', field: expect.stringMatching(/^stopOn\.repetition\./) });
    }
    expect(chatMessages(sim)).toHaveLength(0);
  });
});

describe('branch', () => {
  it('creates a new debate sharing the first turns, recording its parent, going on with the changed speaker', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 2 }));
    await collectRun(run);
    const parent = await debates.transcript(run.id);
    const sent = sim.chatRequests().length;

    const snarky = { ...BOB, tone: 'Snarky' };
    const branchId = await debates.branch(run.id, { atTurn: 1, speakers: [undefined, snarky] });
    expect(branchId).not.toBe(run.id);
    const fresh = await debates.transcript(branchId);
    expect(fresh).toMatchObject({ parentId: run.id, forkedAtTurn: 1, exchanges: 2 });
    expect(fresh.turns).toEqual(parent.turns.slice(0, 1));
    expect(fresh.speakers.map((s) => s.tone)).toEqual(['Cynic', 'Snarky']);

    const events = await collectRun(debates.continue(branchId, undefined));
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ id: branchId, parentId: run.id, forkedAtTurn: 1, outcome: 'complete', stopReason: 'exchanges' });
    expect(transcript.turns[0]).toEqual(parent.turns[0]);
    expect(speakerTurns(transcript.turns).map((t) => [t.speaker, t.tone, t.exchange])).toEqual([
      ['Ada', 'Cynic', 1],
      ['Bob', 'Snarky', 1],
      ['Ada', 'Cynic', 2],
      ['Bob', 'Snarky', 2],
    ]);
    const requests = chatMessages(sim).slice(sent);
    expect(requests).toHaveLength(3);
    const snarkyPrompt = findTone('Snarky')?.prompt ?? '?';
    expect(requests[0]?.[0]?.content.startsWith(snarkyPrompt)).toBe(true);
    expect(requests[0]?.slice(2)).toEqual([{ role: 'user', content: `Ada (Cynic): ${parent.turns[0]?.text}` }]);
    expect(requests[1]?.map((m) => m.content)).toContain(`Bob (Snarky): ${transcript.turns[1]?.text}`);
    expect(requests[2]?.[0]?.content.startsWith(snarkyPrompt)).toBe(true);
    // The parent is untouched.
    expect(await debates.transcript(run.id)).toEqual(parent);
  });

  it('keeps the custom tones of the slots it does not change', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const pirate = { name: 'Pirate', prompt: 'You are a pirate. Answer in two sentences.' };
    const run = debates.start(debate(sim, [{ ...ADA, tone: 'Pirate' }, BOB], { customTones: [pirate] }));
    await collectRun(run);
    // No custom tones given: Ada keeps hers from the record.
    const branchId = await debates.branch(run.id, { atTurn: 1, speakers: [undefined, { ...BOB, tone: 'Snarky' }] });
    const sent = sim.chatRequests().length;
    await collectRun(debates.continue(branchId, 1));
    const adaInBranch = chatMessages(sim).slice(sent).find((messages) => messages[0]?.content.startsWith(pirate.prompt));
    expect(adaInBranch).toBeDefined();
    expect((await debates.transcript(branchId)).speakers.map((s) => s.tone)).toEqual(['Pirate', 'Snarky']);
  });

  it('starts with a moderator note when given one, and refuses a turn count out of range', async () => {
    const sim = await twoModels();
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    await collectRun(run);
    const branchId = await debates.branch(run.id, { atTurn: 1, note: 'Bob, be brief.' });
    expect((await debates.transcript(branchId)).turns.map((t) => [t.kind, t.text])).toEqual([
      ['speaker', 'Ada reply 1.'],
      ['moderator', 'Bob, be brief.'],
    ]);
    const sent = sim.chatRequests().length;
    await collectRun(debates.continue(branchId, undefined));
    expect(chatMessages(sim)[sent]?.at(-1)).toEqual({ role: 'user', content: 'Moderator: Bob, be brief.' });
    await expect(debates.branch(run.id, { atTurn: 3 })).rejects.toThrow('turn 0 to 2');
    await expect(debates.branch('nope', { atTurn: 0 })).rejects.toBeInstanceOf(EngineError);
  });
});

describe('failures while loading the models', () => {
  it('a missing model fails the run (error event, failed by an error); continue works once the model is there', async () => {
    const sim = await simulator({ models: [numbered('alpha:1b', 'Ada')] });
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    const events = await collectRun(run);
    expect(errorsOf(events)).toEqual([expect.objectContaining({ kind: 'model-missing', model: 'beta:1b' })]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', stopReason: 'error', turns: [] });
    expect(sim.chatRequests()).toHaveLength(0);
    expect(debates.store.read(run.id)).toMatchObject({ outcome: 'failed', stopReason: 'error' });
    const nothingToRedo = await collectRun(debates.regenerate(run.id));
    expect(errorsOf(nothingToRedo)).toEqual([expect.objectContaining({ kind: 'invalid-config', message: 'There is no turn to regenerate yet.' })]);

    sim.addModel(numbered('beta:1b', 'Bob'));
    const continued = await collectRun(debates.continue(run.id, undefined));
    expect(errorsOf(continued)).toEqual([]);
    expect(turnsOf(continued).map((t) => t.text)).toEqual(['Ada reply 1.', 'Bob reply 1.']);
    expect(transcriptOf(continued)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
  });

  it('an unreachable host fails the run; continue works with a host that answers', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const debates = sessions();
    const run = debates.start({ topic: 'Anyone there?', exchanges: 1, host, speakers: [ADA, BOB] });
    const events = await collectRun(run);
    expect(errorsOf(events)).toEqual([expect.objectContaining({ kind: 'unreachable', host })]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', stopReason: 'error', turns: [] });

    const sim = await twoModels();
    const continued = await collectRun(debates.continue(run.id, undefined, { settings: { host: sim.url } }));
    expect(errorsOf(continued)).toEqual([]);
    expect(transcriptOf(continued)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(sim.chatRequests()).toHaveLength(2);
  });

  it('a failed turn is left out of later requests and its speaker speaks again on continue', async () => {
    const sim = await twoModels();
    sim.setFault('beta:1b', { type: 'drop-after', tokens: 2 });
    const debates = sessions();
    const run = debates.start(debate(sim, [ADA, BOB]));
    const events = await collectRun(run);
    const failed = speakerTurns(transcriptOf(events).turns)[1];
    expect(failed).toMatchObject({ status: 'failed', text: 'Bob reply' });
    sim.setFault('beta:1b', null);
    const sent = sim.chatRequests().length;
    const continued = await collectRun(debates.continue(run.id, 1));
    expect(turnsOf(continued).map((t) => [t.speaker, t.exchange])).toEqual([
      ['Bob', 1],
      ['Ada', 2],
      ['Bob', 2],
    ]);
    // Bob is asked as if his failed reply never happened.
    expect(chatMessages(sim)[sent]?.slice(2)).toEqual([{ role: 'user', content: 'Ada (Cynic): Ada reply 1.' }]);
    expect(chatMessages(sim)[sent]?.map((m) => m.content)).not.toContain(continueNote('Bob'));
  });
});
