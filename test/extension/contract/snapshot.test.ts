import { describe, expect, it } from 'vitest';
import type { DebateEvent, ModeratorTurn } from '../../../engine/types';
import type { PanelEvent, PanelSnapshot } from '../../../extension/contract/protocol';
import {
  applyDebateEvent, cutOffTurn, RUN_ENDED_NOTE, statusForOutcome, TURN_REPLACED_NOTE,
} from '../../../extension/contract/snapshot';
import { idleSnapshot, transcript, turn, turnId } from '../fixtures';

function replay(events: PanelEvent[], from: PanelSnapshot = idleSnapshot()): PanelSnapshot {
  return events.reduce(applyDebateEvent, from);
}

function turnStart(position: number): Extract<DebateEvent, { type: 'turn-start' }> {
  const { speakerIndex, speaker, model, tone, exchange } = turn(position, '');
  return { type: 'turn-start', turnId: turnId(position), speakerIndex, speaker, model, tone, exchange };
}

const opening: DebateEvent[] = [
  { type: 'run-start', transcript: transcript() },
  { type: 'models-loading', models: ['llama3.2:1b', 'qwen2.5:0.5b'] },
  turnStart(0),
  { type: 'token', turnId: turnId(0), text: 'Tabs' },
  { type: 'token', turnId: turnId(0), text: ' win.' },
];

describe('applyDebateEvent', () => {
  it('follows a debate from start to a live turn', () => {
    const snapshot = replay(opening);
    expect(snapshot.status).toBe('speaking');
    expect(snapshot.transcript).toMatchObject({ topic: 'Tabs or spaces?', outcome: 'running', turns: [] });
    expect(snapshot.liveTurns).toMatchObject([{ turnId: turnId(0), speaker: 'Speaker 1', text: 'Tabs win.', tokens: 2 }]);
  });

  it('counts a batch of tokens as the chunks the engine sent', () => {
    const batched = replay([...opening.slice(0, 3), { type: 'token', turnId: turnId(0), text: 'Tabs win.', chunks: 2 }]);
    expect(batched.liveTurns).toEqual(replay(opening).liveTurns);
  });

  it('starts from the debate as it stands: a continued debate keeps its turns', () => {
    const earlier = transcript({ turns: [turn(0, 'Spaces.'), turn(1, 'Tabs.')] });
    const started = replay([{ type: 'run-start', transcript: earlier }], { ...idleSnapshot(), error: { kind: 'unknown', message: 'old' } });
    expect(started).toMatchObject({ status: 'connecting', error: null, liveTurns: [], transcript: earlier });
  });

  it('moves a finished turn into the transcript and ends with the engine transcript', () => {
    const finished = turn(0, 'Tabs win.');
    const final = transcript({ endedAt: '2026-01-02T03:05:00.000Z', turns: [finished], outcome: 'complete', stopReason: 'exchanges' });
    const afterTurn = replay([...opening, { type: 'turn-end', turn: finished }]);
    expect(afterTurn.liveTurns).toEqual([]);
    expect(afterTurn.transcript?.turns).toEqual([finished]);
    const ended = applyDebateEvent(afterTurn, { type: 'run-end', transcript: final });
    expect(ended.status).toBe('done');
    expect(ended.transcript).toBe(final);
  });

  it('replaces a turn whose id it holds already (regenerate), in place', () => {
    const [first, second] = [turn(0, 'One.'), turn(1, 'Two.')];
    const held = replay([{ type: 'run-start', transcript: transcript({ turns: [first, second] }) }]);
    const regenerating = replay([turnStart(0), { type: 'token', turnId: turnId(0), text: 'Uno' }], held);
    // While the new reply streams, the earlier one stays in the transcript.
    expect(regenerating.transcript?.turns).toEqual([first, second]);
    expect(regenerating.liveTurns.map((live) => live.text)).toEqual(['Uno']);
    const again = turn(0, 'Uno.');
    const replaced = applyDebateEvent(regenerating, { type: 'turn-end', turn: again });
    expect(replaced.transcript?.turns).toEqual([again, second]);
    expect(replaced.liveTurns).toEqual([]);
  });

  it('adds a moderator note without ending the live turn', () => {
    const note: ModeratorTurn = { kind: 'moderator', id: 'note-1', exchange: 1, text: 'Stay on topic.', createdAt: '2026-01-02T03:04:30.000Z' };
    const snapshot = replay([...opening, { type: 'turn-end', turn: note }]);
    expect(snapshot.transcript?.turns).toEqual([note]);
    expect(snapshot.liveTurns.map((live) => live.turnId)).toEqual([turnId(0)]);
  });

  it('keeps the error and the warning, and ends as failed', () => {
    const error = { kind: 'unreachable', message: 'Cannot reach Ollama.' } as const;
    const failed = replay([
      opening[0]!,
      { type: 'warning', message: 'This debate is not saved.' },
      { type: 'error', error },
      { type: 'run-end', transcript: transcript({ outcome: 'failed', stopReason: 'error' }) },
    ]);
    expect(failed.error).toEqual(error);
    expect(failed.warning).toBe('This debate is not saved.');
    expect(failed.status).toBe('failed');
  });

  it('cuts off a live turn the run ended without ending it: its text kept, marked as the debate ended', () => {
    const ended = replay([...opening, { type: 'run-end', transcript: transcript({ outcome: 'failed', stopReason: 'error' }) }]);
    expect(ended.liveTurns).toEqual([]);
    expect(ended.transcript?.turns).toEqual([cutOffTurn(replay(opening).liveTurns[0]!, 'failed', RUN_ENDED_NOTE)]);
    expect(ended.transcript?.turns[0]).toMatchObject({ kind: 'speaker', id: turnId(0), text: 'Tabs win.', status: 'failed', metrics: { tokens: 2 } });
  });

  it('cuts off a live turn when the next one starts without its end', () => {
    const next = replay([...opening, turnStart(1)]);
    expect(next.transcript?.turns).toEqual([expect.objectContaining({ id: turnId(0), text: 'Tabs win.', status: 'stopped', note: TURN_REPLACED_NOTE })]);
    expect(next.liveTurns.map((live) => live.turnId)).toEqual([turnId(1)]);
  });

  it('ignores a token for a turn that is not live', () => {
    const snapshot = replay(opening);
    expect(applyDebateEvent(snapshot, { type: 'token', turnId: 'elsewhere', text: 'stray' })).toBe(snapshot);
  });

  it('keeps a stop pressed before the run or a turn began', () => {
    const stopped = { ...replay(opening), status: 'stopped' as const };
    expect(applyDebateEvent(stopped, turnStart(1)).status).toBe('stopped');
    expect(applyDebateEvent({ ...idleSnapshot(), status: 'stopped' }, opening[0]!).status).toBe('stopped');
  });

  it('shows where a debate stands at the end of a run, paused and interrupted included', () => {
    for (const outcome of ['paused', 'interrupted', 'complete', 'stopped', 'failed'] as const) {
      const ended = replay([...opening.slice(0, 2), { type: 'run-end', transcript: transcript({ outcome }) }]);
      expect(ended.status).toBe(statusForOutcome(outcome));
    }
    expect(statusForOutcome('paused')).toBe('paused');
    expect(statusForOutcome('interrupted')).toBe('interrupted');
  });

  it('keeps a pause asked for through the run start and the next turn, until the run ends waiting', () => {
    const pausing = { ...replay(opening), status: 'pausing' as const };
    expect(applyDebateEvent(pausing, turnStart(1)).status).toBe('pausing');
    expect(applyDebateEvent({ ...idleSnapshot(), status: 'pausing' }, opening[0]!).status).toBe('pausing');
    expect(applyDebateEvent(pausing, { type: 'run-end', transcript: transcript({ outcome: 'paused' }) }).status).toBe('paused');
  });

  it("makes a run of another debate this panel's own; a run of the same debate keeps its access", () => {
    const readOnly = { ...idleSnapshot(), transcript: transcript(), access: { kind: 'read-only' as const, reason: 'Running in the CLI.' } };
    expect(applyDebateEvent(readOnly, { type: 'run-start', transcript: transcript({ id: 'debate-2' }) }).access).toEqual({ kind: 'writable' });
    expect(applyDebateEvent(readOnly, { type: 'run-start', transcript: transcript() }).access).toBe(readOnly.access);
  });

  it('leaves its input untouched', () => {
    const before = replay(opening.slice(0, 3));
    const copy = structuredClone(before);
    applyDebateEvent(before, opening[3]!);
    applyDebateEvent(before, turnStart(1));
    expect(before).toEqual(copy);
  });
});
