import { describe, expect, it } from 'vitest';
import { runDebate } from '../../engine/run';
import type { DebateEvent } from '../../engine/types';
import { debate, simulator, speakerTurns, streamedText, transcriptOf, until } from './simulated-debate';

const LONG_REPLY = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
const MODELS = [
  { name: 'alpha:1b', reply: LONG_REPLY },
  { name: 'beta:1b', reply: 'Short and sweet.' },
];
const SPEAKERS = [
  { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' },
  { name: 'Bob', model: 'beta:1b', tone: 'Polite' },
];
/** The bound for "stop returns promptly"; generous for a busy 2-core machine. */
const STOP_BOUND_MS = 500;

/** Runs the debate, aborting when `shouldStop` first holds; returns the events and the ms from abort to the end. */
async function runAndStop(config: Parameters<typeof runDebate>[0], shouldStop: (events: DebateEvent[]) => boolean) {
  const controller = new AbortController();
  const events: DebateEvent[] = [];
  let abortedAt: number | null = null;
  const stopWhenDue = () => {
    if (abortedAt === null && shouldStop(events)) {
      abortedAt = performance.now();
      controller.abort();
    }
  };
  const timer = setInterval(stopWhenDue, 5);
  try {
    for await (const event of runDebate(config, { signal: controller.signal })) {
      events.push(event);
      stopWhenDue();
    }
  } finally {
    clearInterval(timer);
  }
  if (abortedAt === null) throw new Error('the debate ended before the stop condition held');
  const stopMs = performance.now() - abortedAt;
  return { events, stopMs };
}

describe('stopping a debate', () => {
  it('stops mid-turn promptly, closes the request and keeps the partial turn as stopped', async () => {
    const sim = await simulator({ models: MODELS, tokenDelayMs: 20 });
    const { events, stopMs } = await runAndStop(debate(sim, SPEAKERS, { exchanges: 3 }), (seen) => seen.filter((e) => e.type === 'token').length >= 3);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    const [chat] = sim.chatRequests();
    const ended = await sim.waitForRequestEnd(chat.id, 2000);
    expect(ended.clientClosedAt).not.toBeNull();
    expect(ended.finishedAt).toBeNull();
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'stopped', stopReason: 'user' });
    expect(transcript.turns).toHaveLength(1);
    const [turn] = speakerTurns(transcript.turns);
    expect(turn).toMatchObject({ status: 'stopped', note: 'Stopped by the user.' });
    expect(turn.text.length).toBeGreaterThan(0);
    expect(LONG_REPLY.startsWith(turn.text)).toBe(true);
    expect(streamedText(events).get(turn.id)).toBe(turn.text);
    expect(sim.chatRequests()).toHaveLength(1);
  });

  it('closes the load request at once when stopped while the models are loading', async () => {
    const sim = await simulator({ models: MODELS, loadDelayMs: 10_000 });
    const { events, stopMs } = await runAndStop(debate(sim, SPEAKERS), () => sim.requests.filter((r) => r.path === '/api/generate').length === 2);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    const loads = sim.requests.filter((r) => r.path === '/api/generate');
    expect(loads).toHaveLength(2);
    for (const load of loads) {
      expect((await sim.waitForRequestEnd(load.id, 2000)).clientClosedAt).not.toBeNull();
    }
    expect(transcriptOf(events)).toMatchObject({ outcome: 'stopped', turns: [] });
    expect(events.map((e) => e.type)).toEqual(['run-start', 'models-loading', 'run-end']);
  });

  it('closes a chat request that has not produced its first chunk yet (the model still busy)', async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('alpha:1b', { type: 'stall-after', tokens: 0 });
    const { events, stopMs } = await runAndStop(debate(sim, SPEAKERS), () => sim.chatRequests().length === 1);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    const closed = await sim.waitForRequestEnd(sim.chatRequests()[0].id, 2000);
    expect(closed.clientClosedAt).not.toBeNull();
    expect(transcriptOf(events).turns).toEqual([expect.objectContaining({ status: 'stopped', text: '' })]);
  });

  it('stops a stalled stream, keeping the tokens that came before the stall', async () => {
    const sim = await simulator({ models: MODELS });
    sim.setFault('beta:1b', { type: 'stall-after', tokens: 2 });
    const { events } = await runAndStop(debate(sim, SPEAKERS), (seen) => {
      const bobsTurn = seen.find((e) => e.type === 'turn-start' && e.speaker === 'Bob');
      return bobsTurn?.type === 'turn-start' && seen.filter((e) => e.type === 'token' && e.turnId === bobsTurn.turnId).length === 2;
    });
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'stopped', stopReason: 'user' });
    expect(speakerTurns(transcript.turns).map((t) => [t.status, t.text])).toEqual([
      ['complete', LONG_REPLY],
      ['stopped', 'Short and'],
    ]);
  });

  it('stops the debate and closes the request when the consumer breaks out of the loop', async () => {
    const sim = await simulator({ models: MODELS, tokenDelayMs: 20 });
    let tokens = 0;
    for await (const event of runDebate(debate(sim, SPEAKERS))) {
      if (event.type === 'token' && ++tokens === 2) break;
    }
    await until(() => sim.chatRequests().length === 1);
    const closed = await sim.waitForRequestEnd(sim.chatRequests()[0].id, 2000);
    expect(closed.clientClosedAt).not.toBeNull();
  });
});
