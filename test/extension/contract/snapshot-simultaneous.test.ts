// A simultaneous round in the panel's reducer: every speaker's turn streams at once, their
// events interleaved; each ends on its own, in any order; a run that ends keeps every turn
// still streaming. The other orders keep one turn at a time. And the AI moderator at work.
import { describe, expect, it } from 'vitest';
import type { DebateEvent, SpeakerTurn, Transcript, TurnOrder } from '../../../engine/types';
import type { LiveTurn, PanelEvent, PanelSnapshot } from '../../../extension/contract/protocol';
import { applyDebateEvent, exportableDebate, RUN_ENDED_NOTE, TURN_REPLACED_NOTE } from '../../../extension/contract/snapshot';
import { idleSnapshot, transcript, turnId } from '../fixtures';

const SPEAKERS = [
  { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational' },
  { name: 'Bo', model: 'qwen2.5:0.5b', tone: 'Cynic' },
  { name: 'Cy', model: 'gemma3:1b', tone: 'Philosopher' },
];

function debate(kind: TurnOrder['kind'], overrides: Partial<Transcript> = {}): Transcript {
  return transcript({ speakers: SPEAKERS, order: { kind }, ...overrides });
}

function replay(events: readonly PanelEvent[], from: PanelSnapshot = idleSnapshot()): PanelSnapshot {
  return events.reduce(applyDebateEvent, from);
}

function start(speakerIndex: number, exchange = 1): Extract<DebateEvent, { type: 'turn-start' }> {
  const { name: speaker, model, tone } = SPEAKERS[speakerIndex]!;
  return { type: 'turn-start', turnId: turnId(speakerIndex + (exchange - 1) * SPEAKERS.length), speakerIndex, speaker, model, tone, exchange };
}

function token(speakerIndex: number, text: string): PanelEvent {
  return { type: 'token', turnId: turnId(speakerIndex), text };
}

function thinking(speakerIndex: number, text: string): PanelEvent {
  return { type: 'thinking', turnId: turnId(speakerIndex), text };
}

function finished(speakerIndex: number, text: string): SpeakerTurn {
  const { name: speaker, model, tone } = SPEAKERS[speakerIndex]!;
  return {
    kind: 'speaker', id: turnId(speakerIndex), exchange: 1, speakerIndex, speaker, model, tone, text, status: 'complete',
    metrics: { timeToFirstTokenMs: 5, durationMs: 50, tokens: 3, tokensPerSecond: 60, loadDurationMs: 1, promptTokens: 10 },
  };
}

function end(speakerIndex: number, text: string): PanelEvent {
  return { type: 'turn-end', turn: finished(speakerIndex, text) };
}

/** Three turns begun at once, their reply and reasoning interleaved as three streams arrive. */
const interleaved: PanelEvent[] = [
  { type: 'run-start', transcript: debate('simultaneous') },
  start(0), start(1), start(2),
  token(1, 'Bo '), token(0, 'Ada '), thinking(2, 'Cy thinks '), token(2, 'Cy '),
  token(0, 'says tabs.'), thinking(2, 'hard. '), token(1, 'says spaces.'), { type: 'token', turnId: turnId(2), text: 'says both.', chunks: 3 },
];

const texts = (live: readonly LiveTurn[]) => live.map(({ turnId: id, text }) => [id, text]);

describe('a simultaneous round in the reducer', () => {
  it('keeps every turn of the round live, in the order they began, each with its own text, reasoning and count', () => {
    const view = replay(interleaved);
    expect(view.status).toBe('speaking');
    expect(texts(view.liveTurns)).toEqual([[turnId(0), 'Ada says tabs.'], [turnId(1), 'Bo says spaces.'], [turnId(2), 'Cy says both.']]);
    expect(view.liveTurns.map((live) => live.thinking)).toEqual([undefined, undefined, 'Cy thinks hard. ']);
    expect(view.liveTurns.map((live) => live.tokens)).toEqual([2, 2, 4]);
    expect(view.liveTurns.map((live) => live.speaker)).toEqual(['Ada', 'Bo', 'Cy']);
    // No turn was taken for cut off by the next one's start.
    expect(view.transcript?.turns).toEqual([]);
  });

  it.each([
    ['in the order they began', [0, 1, 2]],
    ['last first', [2, 1, 0]],
    ['the middle one first', [1, 2, 0]],
    ['the middle one last', [0, 2, 1]],
  ])('moves each turn into the transcript as it ends (%s), the others streaming on', (_label, order) => {
    let view = replay(interleaved);
    const ended: string[] = [];
    for (const speaker of order) {
      view = applyDebateEvent(view, end(speaker, `Final ${speaker}.`));
      ended.push(turnId(speaker));
      expect(view.transcript?.turns.map((turn) => turn.id)).toEqual(ended);
      const still = [0, 1, 2].filter((index) => !order.slice(0, ended.length).includes(index));
      expect(view.liveTurns.map((live) => live.turnId)).toEqual(still.map(turnId));
      // The turns still streaming take their tokens as before.
      for (const index of still) view = applyDebateEvent(view, token(index, '+'));
      for (const live of view.liveTurns) expect(live.text.endsWith('+')).toBe(true);
    }
    expect(view.liveTurns).toEqual([]);
    expect(view.transcript?.turns.map((turn) => turn.kind === 'speaker' && turn.text)).toEqual(order.map((speaker) => `Final ${speaker}.`));
  });

  it('ignores a token, reasoning or end for a turn that is not live, and a token after its turn ended', () => {
    const view = replay(interleaved);
    expect(applyDebateEvent(view, token(5, 'stray'))).toBe(view);
    expect(applyDebateEvent(view, thinking(5, 'stray'))).toBe(view);
    const afterEnd = applyDebateEvent(view, end(1, 'Bo done.'));
    expect(applyDebateEvent(afterEnd, token(1, 'late'))).toBe(afterEnd);
  });

  it('keeps every turn in flight when the run ends, cut off and marked, in the order they began', () => {
    const stopped = debate('simultaneous', { outcome: 'stopped', stopReason: 'user' });
    const view = replay([...interleaved, end(1, 'Bo done.'), { type: 'run-end', transcript: { ...stopped, turns: [finished(1, 'Bo done.')] } }]);
    expect(view.liveTurns).toEqual([]);
    expect(view.status).toBe('stopped');
    expect(view.transcript?.turns).toEqual([
      finished(1, 'Bo done.'),
      expect.objectContaining({ id: turnId(0), text: 'Ada says tabs.', status: 'stopped', note: RUN_ENDED_NOTE, metrics: expect.objectContaining({ tokens: 2 }) }),
      expect.objectContaining({ id: turnId(2), text: 'Cy says both.', thinking: 'Cy thinks hard. ', status: 'stopped', note: RUN_ENDED_NOTE }),
    ]);
    // A failed run marks them failed.
    const failed = replay([...interleaved, { type: 'run-end', transcript: debate('simultaneous', { outcome: 'failed', stopReason: 'error' }) }]);
    expect(failed.transcript?.turns.map((turn) => turn.kind === 'speaker' && turn.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('exports every turn in flight, marked in progress, after the finished ones', () => {
    const view = replay([...interleaved, end(2, 'Cy done.')]);
    const exported = exportableDebate(view);
    expect(exported?.inProgressTurnIds).toEqual([turnId(0), turnId(1)]);
    expect(exported?.transcript.turns.map((turn) => [turn.id, turn.kind === 'speaker' && turn.text])).toEqual([
      [turnId(2), 'Cy done.'], [turnId(0), 'Ada says tabs.'], [turnId(1), 'Bo says spaces.'],
    ]);
    for (const turn of exported!.transcript.turns) expect(turn).not.toHaveProperty('note');
    // The view itself is left as it is.
    expect(view.transcript?.turns).toHaveLength(1);
  });

  it('begins a turn started again (same id) afresh, in its place beside the others', () => {
    const view = replay([...interleaved, start(1)]);
    expect(texts(view.liveTurns)).toEqual([[turnId(0), 'Ada says tabs.'], [turnId(1), ''], [turnId(2), 'Cy says both.']]);
  });

  it('leaves its input untouched', () => {
    const before = replay(interleaved);
    const copy = structuredClone(before);
    for (const event of [token(0, 'x'), thinking(1, 'y'), end(2, 'z'), start(0, 2), { type: 'run-end', transcript: debate('simultaneous', { outcome: 'complete' }) } as const]) {
      applyDebateEvent(before, event);
    }
    expect(before).toEqual(copy);
  });
});

describe('the other orders keep one turn at a time', () => {
  it.each(['round-robin', 'random', 'reply', 'moderator'] as const)('%s: a turn begun while another streams cuts that one off', (kind) => {
    const view = replay([{ type: 'run-start', transcript: debate(kind) }, start(0), token(0, 'Ada half'), start(1), token(0, 'ignored'), token(1, 'Bo')]);
    expect(texts(view.liveTurns)).toEqual([[turnId(1), 'Bo']]);
    expect(view.transcript?.turns).toEqual([expect.objectContaining({ id: turnId(0), text: 'Ada half', status: 'stopped', note: TURN_REPLACED_NOTE })]);
  });

  it('a debate without an order (round-robin) too', () => {
    const view = replay([{ type: 'run-start', transcript: transcript() }, start(0), start(1)]);
    expect(view.liveTurns.map((live) => live.turnId)).toEqual([turnId(1)]);
    expect(view.transcript?.turns.map((turn) => turn.id)).toEqual([turnId(0)]);
  });
});

describe('the AI moderator at work', () => {
  const moderating = (activity: 'framing' | 'review' | 'picking', round = 1): PanelEvent => ({ type: 'moderator-start', activity, model: 'gemma3:4b', round });

  it('is shown from its start until the next turn starts, a turn ends, or the run ends', () => {
    const running = replay([{ type: 'run-start', transcript: debate('moderator') }, { type: 'models-loading', models: ['gemma3:4b'] }]);
    const framing = applyDebateEvent(running, moderating('framing'));
    expect(framing.moderatorAtWork).toEqual({ activity: 'framing', model: 'gemma3:4b', round: 1 });
    // Framing the question is the run at work, no longer loading models.
    expect(framing.status).toBe('speaking');
    expect(applyDebateEvent(framing, start(0)).moderatorAtWork).toBeNull();
    const summary = { kind: 'moderator', id: 'summary-1', exchange: 1, text: 'Both sides agree on little.', createdAt: '2026-01-02T03:04:30.000Z', ai: { model: 'gemma3:4b', purpose: 'summary' } } as const;
    const reviewing = applyDebateEvent(framing, moderating('review', 2));
    expect(reviewing.moderatorAtWork).toMatchObject({ activity: 'review', round: 2 });
    const summarised = applyDebateEvent(reviewing, { type: 'turn-end', turn: summary });
    expect(summarised.moderatorAtWork).toBeNull();
    expect(summarised.transcript?.turns).toEqual([summary]);
    const picking = applyDebateEvent(summarised, moderating('picking', 2));
    expect(applyDebateEvent(picking, { type: 'run-end', transcript: debate('moderator', { outcome: 'complete' }) }).moderatorAtWork).toBeNull();
    expect(applyDebateEvent(picking, { type: 'run-start', transcript: debate('moderator') }).moderatorAtWork).toBeNull();
  });

  it('keeps a pause or a stop asked for, and leaves a debate not running here as it is', () => {
    for (const status of ['pausing', 'stopped', 'idle', 'done'] as const) {
      expect(applyDebateEvent({ ...idleSnapshot(), status }, moderating('review')).status).toBe(status);
    }
  });
});
