// Where a debate stands, read from its transcript, as pure rules both sides use: the
// host to check an operation, the webview to offer it (which turn Regenerate speaks
// again, whether planned turns are left to finish, who the moderator sees as next).
import { positionAfter, ROUND_ROBIN, speakerAt } from '../../engine/turn-order';
import type { SpeakerTurn, Transcript, Turn } from '../../engine/types';

/** The last speaker's turn (moderator notes are not spoken again), or null before any. */
export function lastSpeakerTurn(turns: readonly Turn[]): SpeakerTurn | null {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind === 'speaker') return turn;
  }
  return null;
}

/** Who speaks next, as the engine goes on: the round, the place in it, and the speaker at that place in the debate's order. */
export function nextSpeakerAt(transcript: Pick<Transcript, 'turns' | 'speakers' | 'order'>): { round: number; position: number; speakerIndex: number } {
  const order = transcript.order ?? ROUND_ROBIN;
  const count = transcript.speakers.length;
  const { round, position } = positionAfter(transcript.turns, count, order);
  return { round, position, speakerIndex: count === 0 ? 0 : speakerAt(order, round, position, count) };
}

/** Whether turns of the planned exchanges are still to be spoken (Continue can finish them). */
export function hasTurnsLeft(transcript: Pick<Transcript, 'turns' | 'speakers' | 'exchanges' | 'order'>): boolean {
  return nextSpeakerAt(transcript).round <= transcript.exchanges;
}

/** How many turns the debate keeps up to and including `turnId` (what a branch from it shares); null for an unknown id. */
export function turnsUpTo(transcript: Pick<Transcript, 'turns'>, turnId: string): number | null {
  const at = transcript.turns.findIndex((turn) => turn.id === turnId);
  return at === -1 ? null : at + 1;
}
