import { describe, expect, it } from 'vitest';
import { continueNote, omittedNote } from '../../engine/context';
import { DEFAULT_CONTEXT_WINDOW } from '../../engine/limits';
import { findTone } from '../../engine/tones';
import { chatBody, collect, debate, errorsOf, simulator, speakerTurns, streamedText, transcriptOf, turnsOf } from './simulated-debate';

const ADA = { name: 'Ada', model: 'alpha:1b', tone: 'cynic' };
const BOB = { name: 'Bob', model: 'beta:1b', tone: 'Polite', temperature: 0.3, contextSize: 4096 };
const CY = { name: 'Cy', model: 'alpha:1b', tone: 'Rational' };
const MODELS = [
  { name: 'alpha:1b', reply: 'Coffee is overrated, frankly.' },
  { name: 'beta:1b', reply: 'Both have their charms, surely.' },
];

describe('runDebate against the simulator', () => {
  it.each([
    [[ADA], 2, ['Ada', 'Ada']],
    [[ADA, BOB], 2, ['Ada', 'Bob', 'Ada', 'Bob']],
    [[ADA, BOB, CY], 1, ['Ada', 'Bob', 'Cy']],
  ])('speaks in order %#, with the event order of the contract', async (speakers, exchanges, order) => {
    const sim = await simulator({ models: MODELS });
    const events = await collect(debate(sim, speakers, { exchanges }));
    const starts = events.flatMap((e) => (e.type === 'turn-start' ? [e] : []));
    expect(starts.map((e) => e.speaker)).toEqual(order);
    expect(starts.map((e) => e.exchange)).toEqual(order.map((_, i) => Math.floor(i / speakers.length) + 1));
    expect(sim.chatRequests().map((r) => chatBody(r.body).model)).toEqual(starts.map((e) => e.model));
    const kinds = events.map((e) => e.type).filter((type, i, all) => type !== 'token' || all[i - 1] !== 'token');
    expect(kinds).toEqual(['run-start', 'models-loading', ...order.flatMap(() => ['turn-start', 'token', 'turn-end']), 'run-end']);
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(speakerTurns(transcript.turns).map((t) => t.speaker)).toEqual(order);
    expect(transcript.endedAt).not.toBeNull();
    // Each turn has its own stable id, announced by turn-start and kept by turn-end.
    const ids = transcript.turns.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(starts.map((e) => e.turnId)).toEqual(ids);
  });

  it('sends each speaker its tone, name, the topic and the labelled history, with its options and no think (the model\'s own default)', async () => {
    const sim = await simulator({ models: MODELS });
    await collect(debate(sim, [ADA, BOB], { exchanges: 2 }));
    const bodies = sim.chatRequests().map((r) => chatBody(r.body));
    expect(bodies).toHaveLength(4);
    for (const body of bodies) {
      expect('think' in body).toBe(false);
      expect(body.stream).toBe(true);
      expect(body.keep_alive).toBe('30m');
    }
    expect(bodies[1].options).toMatchObject({ temperature: 0.3, num_ctx: 4096 });
    expect(bodies[0].options?.temperature).toBeUndefined();
    const adaSecond = bodies[2].messages ?? [];
    expect(adaSecond[0].role).toBe('system');
    expect(adaSecond[0].content.startsWith(findTone('Cynic')?.prompt ?? '?')).toBe(true);
    expect(adaSecond[0].content).toContain('You are Ada, taking part in a debate with Bob.');
    expect(adaSecond.slice(1).map((m) => [m.role, m.content])).toEqual([
      ['user', 'The topic of the debate: Is tea better than coffee?'],
      ['assistant', 'Coffee is overrated, frankly.'],
      ['user', 'Bob (Polite): Both have their charms, surely.'],
    ]);
    const bobSecond = bodies[3].messages ?? [];
    expect(bobSecond[0].content.startsWith(findTone('Polite')?.prompt ?? '?')).toBe(true);
    expect(bobSecond.slice(2).map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('asks a single speaker to continue rather than ending on its own reply', async () => {
    const sim = await simulator({ models: MODELS });
    await collect(debate(sim, [ADA], { exchanges: 2 }));
    const second = chatBody(sim.chatRequests()[1].body).messages ?? [];
    expect(second.slice(1).map((m) => [m.role, m.content])).toEqual([
      ['user', 'Is tea better than coffee?'],
      ['assistant', 'Coffee is overrated, frankly.'],
      ['user', continueNote('Ada')],
    ]);
  });

  it('trims the oldest turns of a long debate to the window, keeping system and topic, and marks the turns that left some out', async () => {
    const long = (word: string) => `${word} `.repeat(100).trim();
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: long('tea') }, { name: 'beta:1b', reply: long('coffee') }] });
    const events = await collect(debate(sim, [ADA, BOB], { exchanges: 6, contextWindow: 1024 }));
    const turns = speakerTurns(transcriptOf(events).turns);
    expect(turns).toHaveLength(12);
    const bodies = sim.chatRequests().map((r) => chatBody(r.body));
    // Bob's own contextSize (4096) wins over the debate's window for his requests.
    expect(bodies.map((body) => body.options?.num_ctx)).toEqual(turns.map((turn) => (turn.speaker === 'Bob' ? 4096 : 1024)));
    const adaLast = bodies[10].messages ?? [];
    const history = adaLast.slice(3);
    expect(adaLast[1].content).toBe('The topic of the debate: Is tea better than coffee?');
    expect(adaLast[2].content).toBe(omittedNote(10 - history.length));
    expect(history.length).toBeGreaterThan(0);
    expect(history[history.length - 1]).toEqual({ role: 'user', content: `Bob (Polite): ${long('coffee')}` });
    // Ollama counted the prompt within the window; the turn says what was left out.
    expect(turns[10].metrics.promptTokens).toBeLessThan(1024);
    expect(turns[10].metrics.contextWindow).toBe(1024);
    expect(turns[10].contextTrim).toEqual({ leftOutTurns: 10 - history.length, shortenedTurns: 0 });
    expect(turns[0].contextTrim).toBeUndefined();
  });

  it('streams tokens that concatenate to each turn text, even when lines split inside multi-byte characters', async () => {
    const reply = 'Tea 🍵 is calmer — café crème is loud. ```js\nx()\n```';
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply }, MODELS[1]], splitWrites: true });
    const events = await collect(debate(sim, [ADA, BOB]));
    const texts = streamedText(events);
    const turns = turnsOf(events);
    expect(turns.map((t) => t.text)).toEqual([reply, 'Both have their charms, surely.']);
    turns.forEach((turn) => expect(texts.get(turn.id)).toBe(turn.text));
    expect(errorsOf(events)).toEqual([]);
  });

  it("reports Ollama's own metrics for each turn", async () => {
    const sim = await simulator({ models: MODELS, tokenDelayMs: 2 });
    const [turn] = turnsOf(await collect(debate(sim, [ADA])));
    expect(turn.status).toBe('complete');
    expect(turn.metrics.tokens).toBe(6); // "Coffee", " is", " overrated", ",", " frankly", "."
    expect(turn.metrics.tokensPerSecond).toBeGreaterThan(0);
    expect(turn.metrics.promptTokens).toBeGreaterThan(0);
    expect(turn.metrics.loadDurationMs).not.toBeNull();
    expect(turn.metrics.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(turn.metrics.durationMs).toBeGreaterThanOrEqual(turn.metrics.timeToFirstTokenMs ?? Infinity);
  });

  it('rejects an invalid configuration before sending anything', async () => {
    const sim = await simulator({ models: MODELS });
    const events = await collect(debate(sim, [{ ...ADA, model: ' ' }]));
    expect(errorsOf(events)).toEqual([expect.objectContaining({ kind: 'invalid-config', field: 'speakers[0].model' })]);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', turns: [] });
    expect(sim.requests).toHaveLength(0);
  });

  it('loads every distinct model once, in parallel, before the first turn, keeping them loaded', async () => {
    const sim = await simulator({ models: MODELS, loadDelayMs: 1000 });
    const events = await collect(debate(sim, [ADA, BOB, CY]));
    expect(events[1]).toEqual({ type: 'models-loading', models: ['alpha:1b', 'beta:1b'] });
    // Connecting first: one version check for the one host, before any load.
    expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/api/version' });
    expect(sim.requests.filter((r) => r.path === '/api/version')).toHaveLength(1);
    const loads = sim.requests.filter((r) => r.path === '/api/generate');
    // Each with the window its speakers' requests send (Bob's own contextSize), else the first turn would load it again.
    expect(loads.map((r) => r.body)).toEqual([
      { model: 'alpha:1b', prompt: '', keep_alive: '30m', stream: false, options: { num_ctx: DEFAULT_CONTEXT_WINDOW } },
      { model: 'beta:1b', prompt: '', keep_alive: '30m', stream: false, options: { num_ctx: 4096 } },
    ]);
    // Parallel: the second load was asked for before the first one finished.
    expect(loads[1].receivedAt).toBeLessThan(loads[0].finishedAt ?? -1);
    const firstChat = sim.chatRequests()[0];
    expect(firstChat.receivedAt).toBeGreaterThanOrEqual(Math.max(...loads.map((r) => r.finishedAt ?? Infinity)));
    // No speaker's turn waited for a load: Ollama reports a resident model (1 ns load).
    for (const turn of turnsOf(events)) expect(turn.metrics.loadDurationMs).toBeLessThan(1);
  });

  it('runs the longest debate a start allows (6 speakers x 20 exchanges) in one run, without hitting the recursion limit', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'Ok.' }] });
    const speakers = Array.from({ length: 6 }, (_, i) => ({ name: `S${i + 1}`, model: 'alpha:1b', tone: 'Rational' }));
    const events = await collect(debate(sim, speakers, { exchanges: 20, contextWindow: 1024 }));
    expect(errorsOf(events)).toEqual([]);
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(transcript.turns).toHaveLength(120);
    expect(speakerTurns(transcript.turns).at(-1)).toMatchObject({ speaker: 'S6', exchange: 20 });
  });

  it('turns LangSmith tracing variables off so no trace can leave the machine', async () => {
    process.env.LANGSMITH_TRACING = 'true';
    process.env.LANGCHAIN_TRACING_V2 = 'true';
    const sim = await simulator({ models: MODELS });
    await collect(debate(sim, [ADA]));
    expect(process.env.LANGSMITH_TRACING).toBeUndefined();
    expect(process.env.LANGCHAIN_TRACING_V2).toBeUndefined();
  });
});

describe('the transcript names what was used', () => {
  it('records speakers with the canonical tone name and trimmed model, and lists each model once', async () => {
    const sim = await simulator({ models: MODELS });
    const events = await collect(debate(sim, [{ ...ADA, tone: 'CYNIC', model: ' alpha:1b ' }, CY]));
    expect(events[0]).toMatchObject({ type: 'run-start', transcript: { outcome: 'running', turns: [], speakers: [{ name: 'Ada', model: 'alpha:1b', tone: 'Cynic' }, CY] } });
    expect(events[1]).toEqual({ type: 'models-loading', models: ['alpha:1b'] });
    expect(transcriptOf(events).speakers.map((s) => s.tone)).toEqual(['Cynic', 'Rational']);
    expect(turnsOf(events).map((t) => t.tone)).toEqual(['Cynic', 'Rational']);
  });
});
