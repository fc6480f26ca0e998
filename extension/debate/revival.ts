// How a panel's saved snapshot comes back after a window reload: with the newest
// text of the turn in progress, and (the run being over) that turn cut off.
import type { Transcript } from '../../engine/types';
import type { LiveTurn, PanelSnapshot } from '../contract/protocol';
import { isRunningStatus, keepingLiveTurn } from '../contract/snapshot';

/** The turn in progress as saved with every token batch, with the debate it belongs to. */
export interface SavedLiveTurn {
  debateId: string;
  turn: LiveTurn;
}

/**
 * The turn in progress, saved with every token batch, is newer than the snapshot
 * (saved at most every 500 ms): it replaces the snapshot's copy of that turn, or
 * becomes the live turn when the snapshot was saved just before the turn began.
 * A saved turn of another debate, or of a turn already ended, is ignored.
 */
export function withLatestLiveTurn(snapshot: PanelSnapshot, saved: SavedLiveTurn | null): PanelSnapshot {
  const transcript = snapshot.transcript;
  if (saved === null || transcript === null || transcript.outcome !== 'running' || saved.debateId !== transcript.id) return snapshot;
  const live = saved.turn;
  const current = snapshot.liveTurn;
  const isNewer =
    current === null
      ? !transcript.turns.some((turn) => turn.id === live.turnId)
      : current.turnId === live.turnId && live.text.length > current.text.length;
  return isNewer ? { ...snapshot, liveTurn: live } : snapshot;
}

export const CUT_OFF_NOTE = 'Cut off when the window reloaded; the text up to that point is kept.';

/**
 * A snapshot restored after a window reload: the debate that was running is
 * over, so it shows as stopped and its partial turn becomes a stopped turn.
 */
export function reviveSnapshot(snapshot: PanelSnapshot, now: Date): PanelSnapshot {
  const transcript = snapshot.transcript;
  const wasRunning = isRunningStatus(snapshot.status) || transcript?.outcome === 'running';
  if (!wasRunning) return { ...snapshot, liveTurn: null };
  if (transcript === null) return { ...snapshot, status: 'stopped', liveTurn: null };
  const stopped: Transcript = {
    ...keepingLiveTurn(transcript, snapshot.liveTurn, 'stopped', CUT_OFF_NOTE),
    outcome: 'stopped',
    stopReason: transcript.stopReason ?? 'user',
    endedAt: transcript.endedAt ?? now.toISOString(),
  };
  return { ...snapshot, status: 'stopped', liveTurn: null, transcript: stopped };
}
