import { describe, expect, it } from 'vitest';
import type { LiveTurn, PanelSnapshot } from '../../../extension/contract/protocol';
import { CUT_OFF_NOTE, reviveSnapshot, withLatestLiveTurn, type SavedLiveTurn } from '../../../extension/debate/revival';
import { idleSnapshot, transcript, turn, turnId } from '../fixtures';

const heading = { speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic', exchange: 1 };

function liveTurn(position: number, text: string): LiveTurn {
  return { ...heading, turnId: turnId(position), text, tokens: 1 };
}

function saved(position: number, text: string, debateId = 'debate-1'): SavedLiveTurn {
  return { debateId, turn: liveTurn(position, text) };
}

/** A debate in progress: one finished turn, and the second one streaming `liveText`. */
function runningSnapshot(liveText: string | null): PanelSnapshot {
  return {
    ...idleSnapshot(),
    status: 'speaking',
    transcript: transcript({ turns: [turn(0, 'Spaces.')] }),
    liveTurn: liveText === null ? null : liveTurn(1, liveText),
  };
}

describe('withLatestLiveTurn', () => {
  it('takes the saved turn in progress when it is the snapshot turn, further along', () => {
    expect(withLatestLiveTurn(runningSnapshot('Tabs'), saved(1, 'Tabs are fine')).liveTurn?.text).toBe('Tabs are fine');
  });

  it('takes it as the live turn when the snapshot was saved just before that turn began', () => {
    expect(withLatestLiveTurn(runningSnapshot(null), saved(1, 'Tabs')).liveTurn).toEqual(liveTurn(1, 'Tabs'));
  });

  it('ignores a saved turn that is older, already ended, of another debate, or of a debate that is over', () => {
    const snapshot = runningSnapshot('Tabs are fine');
    expect(withLatestLiveTurn(snapshot, saved(1, 'Tabs'))).toBe(snapshot);
    expect(withLatestLiveTurn(runningSnapshot(null), saved(0, 'Spaces.'))).toEqual(runningSnapshot(null));
    expect(withLatestLiveTurn(runningSnapshot(null), saved(1, 'Tabs', 'another-debate'))).toEqual(runningSnapshot(null));
    const finished = { ...snapshot, liveTurn: null, transcript: { ...snapshot.transcript!, outcome: 'complete' as const } };
    expect(withLatestLiveTurn(finished, saved(1, 'Tabs are fine, really'))).toBe(finished);
    expect(withLatestLiveTurn(snapshot, null)).toBe(snapshot);
  });
});

describe('reviveSnapshot', () => {
  const now = new Date('2026-01-02T04:00:00.000Z');

  it('turns a debate cut off by a reload into a stopped one, keeping the partial turn', () => {
    const revived = reviveSnapshot(runningSnapshot('Half a sent'), now);
    expect(revived.status).toBe('stopped');
    expect(revived.liveTurn).toBeNull();
    expect(revived.transcript).toMatchObject({ outcome: 'stopped', stopReason: 'user', endedAt: now.toISOString() });
    expect(revived.transcript?.turns).toHaveLength(2);
    expect(revived.transcript?.turns[0]).toEqual(turn(0, 'Spaces.'));
    expect(revived.transcript?.turns[1]).toMatchObject({ kind: 'speaker', id: turnId(1), text: 'Half a sent', status: 'stopped', note: CUT_OFF_NOTE });
    expect(revived.transcript?.turns[1]?.kind === 'speaker' && revived.transcript.turns[1].metrics.tokens).toBe(1);
  });

  it('keeps the earlier reply of a turn that was being regenerated', () => {
    const regenerating = { ...runningSnapshot(null), liveTurn: liveTurn(0, 'Spa') };
    expect(reviveSnapshot(regenerating, now).transcript?.turns).toEqual([turn(0, 'Spaces.')]);
  });

  it('stops a debate that was still connecting', () => {
    const connecting = { ...idleSnapshot(), status: 'connecting' as const, transcript: transcript() };
    const revived = reviveSnapshot(connecting, now);
    expect(revived.status).toBe('stopped');
    expect(revived.transcript?.turns).toEqual([]);
  });

  it('leaves a finished debate as it was', () => {
    const done: PanelSnapshot = {
      ...idleSnapshot(),
      status: 'done',
      transcript: transcript({ endedAt: '2026-01-02T03:05:00.000Z', turns: [turn(0, 'x')], outcome: 'complete', stopReason: 'exchanges' }),
    };
    expect(reviveSnapshot(done, now)).toEqual(done);
  });
});
