// Reasoning models against the simulator: reasoning in both of Ollama's forms is kept apart
// from the reply, streamed as its own events, recorded with the turn, and never sent on.
import { describe, expect, it } from 'vitest';
import { streamTurn } from '../../engine/chat-turn';
import { DebateSessions } from '../../engine/session';
import { MemoryDebateStore } from '../../engine/store';
import type { DebateEvent, SpeakerConfig } from '../../engine/types';
import type { SimModel } from '../simulator/ollama-simulator';
import { chatBody, collect, collectRun, debate, errorsOf, simulator, speakerTurns, streamedText, transcriptOf, turnsOf } from './simulated-debate';

const REASONING = 'Secret plan: flatter Bob, then attack caffeine. Ünïcödé 🍵 too.';
const REPLY = 'Tea wins, plainly.';

const NATIVE: SimModel = { name: 'deep:1b', thinking: REASONING, reply: REPLY };
const INLINE: SimModel = { name: 'r1:1b', reply: `<think>\n${REASONING}\n</think>\n\n${REPLY}` };
const INLINE_THINKING_TAGS: SimModel = { name: 'old:1b', reply: `  <thinking>${REASONING}</thinking>${REPLY}` };
const PLAIN: SimModel = { name: 'plain:1b', reply: 'Coffee, obviously.' };

function speaker(name: string, model: string, patch: Partial<SpeakerConfig> = {}): SpeakerConfig {
  return { name, model, tone: 'Rational', ...patch };
}

function streamedThinking(events: readonly DebateEvent[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const event of events) if (event.type === 'thinking') texts.set(event.turnId, (texts.get(event.turnId) ?? '') + event.text);
  return texts;
}

describe.each([
  ['message.thinking', NATIVE, false],
  ['inline <think> tags', INLINE, false],
  ['inline <think> tags split inside UTF-8 characters', INLINE, true],
  ['inline <thinking> tags, indented', INLINE_THINKING_TAGS, false],
])('reasoning as %s', (_form, model, splitWrites) => {
  it('is streamed and recorded apart from the reply, and reaches no speaker, the same one included', async () => {
    const sim = await simulator({ models: [model, PLAIN], splitWrites });
    const events = await collect(debate(sim, [speaker('Ada', model.name), speaker('Bob', 'plain:1b')], { exchanges: 2 }));
    expect(errorsOf(events)).toEqual([]);
    const [adaFirst, , adaSecond] = turnsOf(events);
    for (const turn of [adaFirst, adaSecond]) {
      expect(turn?.text).toBe(REPLY);
      expect(turn?.thinking).toBe(REASONING);
      expect(turn?.thinkingMs).toBeGreaterThanOrEqual(0);
      expect(streamedText(events).get(turn?.id ?? '')).toBe(REPLY);
      expect(streamedThinking(events).get(turn?.id ?? '')).toBe(REASONING);
      // Time to first token is the reply's, after the reasoning.
      expect(turn?.metrics.timeToFirstTokenMs).not.toBeNull();
    }
    expect(transcriptOf(events).turns.find((turn) => turn.id === adaFirst?.id)).toMatchObject({ text: REPLY, thinking: REASONING });
    const bodies = sim.chatRequests().map((request) => JSON.stringify(request.body));
    expect(bodies).toHaveLength(4);
    // Bob hears Ada's reply, Ada her own, and neither her reasoning nor its tags.
    expect(bodies[1]).toContain(REPLY);
    expect(bodies[2]).toContain(REPLY);
    for (const body of bodies) {
      expect(body).not.toContain('Secret plan');
      expect(body).not.toMatch(/<\/?think/);
      expect(body).not.toContain('"thinking"');
    }
  });
});

describe('the thinking setting', () => {
  it('sends nothing by default (the model thinks as it does), and a speaker\'s off, on or level as `think`', async () => {
    const sim = await simulator({ models: [NATIVE] });
    const settings: (SpeakerConfig['thinking'])[] = [undefined, false, true, 'low', 'high'];
    const speakers = settings.map((thinking, at) => speaker(`S${at}`, NATIVE.name, thinking === undefined ? {} : { thinking }));
    const events = await collect(debate(sim, speakers));
    expect(errorsOf(events)).toEqual([]);
    const bodies = sim.chatRequests().map((request) => chatBody(request.body));
    expect('think' in (bodies[0] ?? {})).toBe(false);
    expect(bodies.slice(1).map((body) => body.think)).toEqual([false, true, 'low', 'high']);
    // Off: the model does not reason at all.
    expect(turnsOf(events).map((turn) => turn.thinking !== undefined)).toEqual([true, false, true, true, true]);
    expect(turnsOf(events).every((turn) => turn.text === REPLY)).toBe(true);
  });

  it('fails the turn with Ollama\'s refusal when thinking is asked of a model that cannot', async () => {
    const sim = await simulator({ models: [PLAIN] });
    const events = await collect(debate(sim, [speaker('Ada', 'plain:1b', { thinking: 'medium' })]));
    const [error] = errorsOf(events);
    expect(error?.kind).toBe('http');
    expect(error?.status).toBe(400);
    expect(error?.message).toContain('"plain:1b" does not support thinking. Set Ada\'s thinking to off, or to the model\'s own default.');
    expect(transcriptOf(events).outcome).toBe('failed');
  });
});

describe('reasoning as a sign of life', () => {
  const STEPS = 25;
  const STEP_MS = 60;
  const slowThinker: SimModel = { name: 'slow:1b', thinking: Array.from({ length: STEPS }, (_, i) => `step${i}`).join(' '), reply: 'Done thinking.' };

  it('keeps the first-token timeout from ending a turn that reasons longer than it, and times the first token from the reply', async () => {
    const sim = await simulator({ models: [slowThinker], tokenDelayMs: STEP_MS });
    // The reasoning takes twice the first-token timeout; each of its tokens comes well within it.
    const events = await collect(debate(sim, [speaker('Ada', 'slow:1b')], { firstTokenTimeoutMs: 750, stallTimeoutMs: 750 }));
    expect(errorsOf(events)).toEqual([]);
    const [turn] = turnsOf(events);
    expect(turn?.status).toBe('complete');
    expect(turn?.text).toBe('Done thinking.');
    // Every reasoning token came before the reply's first token.
    expect(turn?.metrics.timeToFirstTokenMs).toBeGreaterThan(STEPS * STEP_MS * 0.9);
    expect(turn?.thinkingMs).toBeGreaterThan((STEPS - 1) * STEP_MS * 0.9);
  });

  it('ends a turn whose reasoning stalls as a stalled stream, keeping the reasoning so far', async () => {
    const sim = await simulator({ models: [slowThinker] });
    sim.setFault('slow:1b', { type: 'stall-after', tokens: 4 });
    const events = await collect(debate(sim, [speaker('Ada', 'slow:1b')], { firstTokenTimeoutMs: 5000, stallTimeoutMs: 200 }));
    const [error] = errorsOf(events);
    expect(error?.kind).toBe('stream-dropped');
    const [turn] = turnsOf(events);
    expect(turn?.status).toBe('failed');
    expect(turn?.text).toBe('');
    // The four tokens sent before the stall: reasoning, kept.
    expect(turn?.thinking).toBe('step0 step1 step2 step3');
  });
});

describe('streamTurn', () => {
  it('counts reasoning toward the reply cap and stops the model there', async () => {
    const sim = await simulator({ models: [{ name: 'long:1b', thinking: 'x'.repeat(50).split('').join(' '), reply: 'never reached' }], tokenDelayMs: 1 });
    const thinking: string[] = [];
    const timeouts = { firstTokenTimeoutMs: 5000, stallTimeoutMs: 5000 };
    const result = await streamTurn({
      ...timeouts,
      speaker: speaker('Ada', 'long:1b'),
      host: sim.url,
      messages: [{ role: 'user', content: 'Think.' }],
      contextWindow: 2048,
      maxReplyChars: 20,
      signal: new AbortController().signal,
      onToken: () => undefined,
      onThinking: (text) => thinking.push(text),
    });
    expect(result.reply.status).toBe('complete');
    expect(result.reply.note).toContain('Cut at 20 characters');
    expect(thinking.join('')).toHaveLength(20);
    expect(result.reply.text).toBe('');
  });
});

describe('reasoning in the library', () => {
  /** A one-turn debate spoken, then regenerated: reply N reasons `reasoning(N)`. */
  async function spokenTwice(reasoning: (count: number) => string) {
    let replies = 0;
    let reasonings = 0;
    const model: SimModel = { name: 'deep:1b', reply: () => `Reply ${++replies}.`, thinking: () => reasoning(++reasonings) };
    const sim = await simulator({ models: [model] });
    const debates = new DebateSessions(new MemoryDebateStore());
    const run = debates.start(debate(sim, [speaker('Ada', 'deep:1b')]));
    await collectRun(run);
    const [turn] = speakerTurns(transcriptOf(await collectRun(debates.regenerate(run.id))).turns);
    return { debates, id: run.id, turn };
  }

  it('stays with its own reply through Regenerate and choosing another reply, as the debate is read back', async () => {
    const { debates, id, turn } = await spokenTwice((count) => `Reasoning ${count}.`);
    expect(turn).toMatchObject({ text: 'Reply 2.', thinking: 'Reasoning 2.', alternatives: [{ text: 'Reply 1.', thinking: 'Reasoning 1.' }] });
    expect(turn?.alternatives?.[0]?.thinkingMs).toEqual(expect.any(Number));

    const chosen = await debates.chooseAlternative(id, turn?.id ?? '?', 0);
    expect(speakerTurns(chosen.turns)[0]).toMatchObject({ text: 'Reply 1.', thinking: 'Reasoning 1.', alternatives: [{ text: 'Reply 2.', thinking: 'Reasoning 2.' }] });
    expect(await debates.transcript(id)).toEqual(chosen);
  });

  it('drops the replaced reply\'s reasoning when the chosen reply had none', async () => {
    // The first reply comes without reasoning, the regenerated one with it.
    const { debates, id, turn } = await spokenTwice((count) => (count === 1 ? '' : 'Second thoughts.'));
    expect(turn).toMatchObject({ text: 'Reply 2.', thinking: 'Second thoughts.' });
    expect(turn?.alternatives?.[0]?.thinking).toBeUndefined();
    const chosen = await debates.chooseAlternative(id, turn?.id ?? '?', 0);
    expect(speakerTurns(chosen.turns)[0]).toMatchObject({ text: 'Reply 1.', alternatives: [{ text: 'Reply 2.', thinking: 'Second thoughts.' }] });
    expect(speakerTurns(chosen.turns)[0]?.thinking).toBeUndefined();
    expect(speakerTurns(chosen.turns)[0]?.thinkingMs).toBeUndefined();
  });
});
