import { describe, expect, it } from 'vitest';
import type { DebateEvent, Transcript } from '../../engine/types';
import type { PanelSnapshot } from '../../extension/protocol';
import { applyDebateEvent, CUT_OFF_NOTE, reviveSnapshot } from '../../extension/snapshot';
import { idleSnapshot, turn } from './fixtures';

const speakers = [
  { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational' },
  { name: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic' },
];
const startedAt = '2026-01-02T03:04:05.000Z';

function replay(events: DebateEvent[], from: PanelSnapshot = idleSnapshot()): PanelSnapshot {
  return events.reduce(applyDebateEvent, from);
}

const opening: DebateEvent[] = [
  { type: 'debate-start', topic: 'Tabs or spaces?', speakers, exchanges: 1, startedAt },
  { type: 'models-loading', models: ['llama3.2:1b', 'qwen2.5:0.5b'] },
  { type: 'turn-start', turnIndex: 0, speakerIndex: 0, speaker: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational', exchange: 1 },
  { type: 'token', turnIndex: 0, text: 'Tabs' },
  { type: 'token', turnIndex: 0, text: ' win.' },
];

describe('applyDebateEvent', () => {
  it('follows a debate from start to a live turn', () => {
    const snapshot = replay(opening);
    expect(snapshot.status).toBe('speaking');
    expect(snapshot.transcript).toMatchObject({ topic: 'Tabs or spaces?', outcome: 'running', turns: [] });
    expect(snapshot.liveTurn).toMatchObject({ turnIndex: 0, speaker: 'Speaker 1', text: 'Tabs win.', tokens: 2 });
  });

  it('moves a finished turn into the transcript and ends with the engine transcript', () => {
    const finished = turn(0, 'Tabs win.');
    const final: Transcript = { topic: 'Tabs or spaces?', speakers, exchanges: 1, startedAt, endedAt: startedAt, turns: [finished], outcome: 'complete' };
    const afterTurn = replay([...opening, { type: 'turn-end', turn: finished }]);
    expect(afterTurn.liveTurn).toBeNull();
    expect(afterTurn.transcript?.turns).toEqual([finished]);
    const ended = applyDebateEvent(afterTurn, { type: 'debate-end', transcript: final });
    expect(ended.status).toBe('done');
    expect(ended.transcript).toBe(final);
  });

  it('keeps the error and ends as failed', () => {
    const error = { kind: 'unreachable', message: 'Cannot reach Ollama.' } as const;
    const failed = replay([
      opening[0]!,
      { type: 'error', error },
      { type: 'debate-end', transcript: { topic: 'Tabs or spaces?', speakers, exchanges: 1, startedAt, endedAt: startedAt, turns: [], outcome: 'failed' } },
    ]);
    expect(failed.error).toEqual(error);
    expect(failed.status).toBe('failed');
  });

  it('ignores a token for a turn that is not live', () => {
    const snapshot = replay(opening);
    expect(applyDebateEvent(snapshot, { type: 'token', turnIndex: 5, text: 'stray' })).toBe(snapshot);
  });

  it('keeps a stopped status while the engine winds down', () => {
    const stopped = { ...replay(opening), status: 'stopped' as const };
    expect(applyDebateEvent(stopped, opening[2]!).status).toBe('stopped');
  });

  it('leaves its input untouched', () => {
    const before = replay(opening.slice(0, 3));
    const copy = structuredClone(before);
    applyDebateEvent(before, opening[3]!);
    expect(before).toEqual(copy);
  });
});

describe('reviveSnapshot', () => {
  const now = new Date('2026-01-02T04:00:00.000Z');

  it('turns a debate cut off by a reload into a stopped one, keeping the partial turn', () => {
    const earlier = turn(0, 'First turn.');
    const live = replay([...opening.slice(0, 2), { type: 'turn-end', turn: earlier }, { ...(opening[2] as Extract<DebateEvent, { type: 'turn-start' }>), turnIndex: 1 }, { type: 'token', turnIndex: 1, text: 'Half a sent' }]);
    const revived = reviveSnapshot(live, now);
    expect(revived.status).toBe('stopped');
    expect(revived.liveTurn).toBeNull();
    expect(revived.transcript?.outcome).toBe('stopped');
    expect(revived.transcript?.endedAt).toBe(now.toISOString());
    expect(revived.transcript?.turns).toHaveLength(2);
    expect(revived.transcript?.turns[0]).toEqual(earlier);
    expect(revived.transcript?.turns[1]).toMatchObject({ index: 1, text: 'Half a sent', status: 'stopped', note: CUT_OFF_NOTE });
    expect(revived.transcript?.turns[1]?.metrics.tokens).toBe(1);
  });

  it('stops a debate that was still connecting', () => {
    const connecting = replay(opening.slice(0, 1));
    const revived = reviveSnapshot(connecting, now);
    expect(revived.status).toBe('stopped');
    expect(revived.transcript?.turns).toEqual([]);
  });

  it('leaves a finished debate as it was', () => {
    const done: PanelSnapshot = {
      ...idleSnapshot(),
      status: 'done',
      transcript: { topic: 't', speakers, exchanges: 1, startedAt, endedAt: startedAt, turns: [turn(0, 'x')], outcome: 'complete' },
    };
    expect(reviveSnapshot(done, now)).toEqual(done);
  });
});
