// Where a debate stands, read from its transcript, as pure rules both sides use: the
// host to check an operation, the webview to offer it (which turn Regenerate speaks
// again, whether planned turns are left to finish, who the moderator sees as next).
import type { SpeakerTurn, Transcript, Turn } from '../../engine/types';

/** The last speaker's turn (moderator notes are not spoken again), or null before any. */
export function lastSpeakerTurn(turns: readonly Turn[]): SpeakerTurn | null {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind === 'speaker') return turn;
  }
  return null;
}

/** Who speaks next, as the engine goes on: after the last complete reply, or that speaker again. */
export function nextSpeakerAt(transcript: Pick<Transcript, 'turns' | 'speakers'>): { round: number; position: number } {
  const last = lastSpeakerTurn(transcript.turns);
  if (last === null) return { round: 1, position: 0 };
  if (last.status !== 'complete') return { round: last.exchange, position: last.speakerIndex };
  return last.speakerIndex + 1 < transcript.speakers.length
    ? { round: last.exchange, position: last.speakerIndex + 1 }
    : { round: last.exchange + 1, position: 0 };
}

/** Whether turns of the planned exchanges are still to be spoken (Continue can finish them). */
export function hasTurnsLeft(transcript: Pick<Transcript, 'turns' | 'speakers' | 'exchanges'>): boolean {
  return nextSpeakerAt(transcript).round <= transcript.exchanges;
}

/** How many turns the debate keeps up to and including `turnId` (what a branch from it shares); null for an unknown id. */
export function turnsUpTo(transcript: Pick<Transcript, 'turns'>, turnId: string): number | null {
  const at = transcript.turns.findIndex((turn) => turn.id === turnId);
  return at === -1 ? null : at + 1;
}
