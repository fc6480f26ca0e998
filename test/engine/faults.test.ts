import { describe, expect, it } from 'vitest';
import { collect, debate, errorsOf, simulator, speakerTurns, transcriptOf } from './simulated-debate';
import { closedPort } from '../simulator/closed-port';

const MODELS = [
  { name: 'alpha:1b', reply: 'One two three four five six.' },
  { name: 'beta:1b', reply: 'Alpha beta gamma delta epsilon.' },
];
const SPEAKERS = [
  { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' },
  { name: 'Bob', model: 'beta:1b', tone: 'Polite' },
];

describe('faults become error events and keep the transcript', () => {
  it('a missing model fails fast at load time, before any turn, saying how to pull it', async () => {
    const sim = await simulator({ models: MODELS });
    const events = await collect(debate(sim, [...SPEAKERS, { name: 'Cy', model: 'ghost:7b', tone: 'Rational' }]));
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'model-missing', model: 'ghost:7b', host: sim.url, status: 404 });
    expect(error.message).toBe(`Model "ghost:7b" is not installed on ${sim.url}: run \`ollama pull ghost:7b\`.`);
    expect(sim.chatRequests()).toHaveLength(0);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', turns: [] });
  });

  it('an HTTP 500 on a turn is reported with its status and text; earlier turns are kept', async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('beta:1b', { type: 'http-error', status: 500, message: 'out of memory' });
    const events = await collect(debate(sim, SPEAKERS, { exchanges: 2 }));
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'http', status: 500, speaker: 'Bob', model: 'beta:1b' });
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('out of memory');
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'failed', stopReason: 'error' });
    expect(speakerTurns(transcript.turns).map((t) => [t.speaker, t.status, t.text])).toEqual([
      ['Ada', 'complete', 'One two three four five six.'],
      ['Bob', 'failed', ''],
    ]);
    expect(speakerTurns(transcript.turns)[1]?.note).toBe(error.message);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['turn-end', 'error', 'run-end']);
  });

  it('a dropped connection keeps the partial reply, marked failed', async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('alpha:1b', { type: 'drop-after', tokens: 3 });
    const events = await collect(debate(sim, SPEAKERS));
    const [error] = errorsOf(events);
    expect(error.kind).toBe('stream-dropped');
    expect(error.message).toBe(`The connection to Ollama at ${sim.url} dropped during Ada's turn; the partial reply is kept.`);
    expect(transcriptOf(events).turns).toEqual([expect.objectContaining({ status: 'failed', text: 'One two three', note: error.message })]);
  });

  it("an error line mid-stream reports Ollama's text and keeps the partial reply", async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('beta:1b', { type: 'error-line-after', tokens: 2, message: 'model runner has unexpectedly stopped' });
    const events = await collect(debate(sim, SPEAKERS));
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'http', speaker: 'Bob' });
    expect(error.message).toContain('model runner has unexpectedly stopped');
    expect(speakerTurns(transcriptOf(events).turns).map((t) => [t.status, t.text])).toEqual([
      ['complete', 'One two three four five six.'],
      ['failed', 'Alpha beta'],
    ]);
  });

  it('no first token in time fails the turn with first-token-timeout and closes the request', async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('alpha:1b', { type: 'stall-after', tokens: 0 });
    const events = await collect(debate(sim, SPEAKERS, { firstTokenTimeoutMs: 200 }));
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'first-token-timeout', speaker: 'Ada', model: 'alpha:1b' });
    expect(error.message).toContain('no text within');
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', turns: [expect.objectContaining({ status: 'failed', text: '' })] });
    const closed = await sim.waitForRequestEnd(sim.chatRequests()[0].id, 2000);
    expect(closed.clientClosedAt).not.toBeNull();
  });

  it('a stream that falls silent mid-reply fails the turn, keeps its text and closes the request', async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('alpha:1b', { type: 'stall-after', tokens: 2 });
    const events = await collect(debate(sim, SPEAKERS, { stallTimeoutMs: 200 }));
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'stream-dropped', speaker: 'Ada', model: 'alpha:1b' });
    expect(error.message).toContain('stopped sending mid-reply');
    expect(error.message).toContain('partial reply is kept');
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', turns: [expect.objectContaining({ status: 'failed', text: 'One two' })] });
    const closed = await sim.waitForRequestEnd(sim.chatRequests()[0].id, 2000);
    expect(closed.clientClosedAt).not.toBeNull();
  });

  it('Ollama not running is reported as unreachable, naming the host and how to start it', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const events = await collect({ topic: 'Anyone there?', exchanges: 1, host, speakers: SPEAKERS });
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'unreachable', host });
    expect(error.message).toBe(`Cannot reach Ollama at ${host}: start it with \`ollama serve\` or check the host setting.`);
    // Found while connecting: no model loading is announced.
    expect(events.map((e) => e.type)).toEqual(['run-start', 'error', 'run-end']);
    expect(transcriptOf(events)).toMatchObject({ outcome: 'failed', stopReason: 'error', turns: [] });
  });
});
