// What the person moderating can do when the debate waits for them, as a pure
// rule: the moderator node applies it, the session validates it first.
import { MAX_TOTAL_EXCHANGES } from '../limits';
import { pickCandidates, positionOf, withPick } from '../turn-order';
import type { ModeratorTurn } from '../types';
import type { DebateStateValue, StateChange } from './state';

export interface ModeratorReply {
  /** A note every later speaker receives, labelled as the moderator's. */
  note?: string;
  /** How many exchanges the debate has in all from now on. */
  exchanges?: number;
  /** Who speaks next (index into the speakers); the round goes on from them. */
  nextSpeaker?: number;
  /** End the debate now: it counts as complete, ended by the moderator. */
  end?: boolean;
}

/** What the waiting debate shows the person (the interrupt's value). */
export interface ModeratorPrompt {
  round: number;
  nextSpeaker: number;
}

export const MAX_NOTE_CHARS = 4000;

/** Null when the reply can be applied to this debate, else what is wrong with it. */
export function moderatorReplyProblem(reply: ModeratorReply, state: Pick<DebateStateValue, 'speakers' | 'round' | 'position' | 'order'>): string | null {
  if (reply.note !== undefined && reply.note.length > MAX_NOTE_CHARS) return `The moderator's note is longer than ${MAX_NOTE_CHARS} characters.`;
  if (reply.exchanges !== undefined) {
    const least = reply.nextSpeaker === undefined && state.position === 0 ? state.round - 1 : state.round;
    if (!Number.isInteger(reply.exchanges) || reply.exchanges < Math.max(1, least) || reply.exchanges > MAX_TOTAL_EXCHANGES) {
      return `Exchanges must be a whole number from ${Math.max(1, least)} (the exchanges already begun) to ${MAX_TOTAL_EXCHANGES}.`;
    }
  }
  if (reply.nextSpeaker !== undefined && !(Number.isInteger(reply.nextSpeaker) && reply.nextSpeaker >= 0 && reply.nextSpeaker < state.speakers.length)) {
    return `The next speaker must be one of the ${state.speakers.length} speakers.`;
  }
  if (reply.nextSpeaker !== undefined && state.order.kind === 'moderator' && !pickCandidates(state.order, state.round, state.position, state.speakers.length).includes(reply.nextSpeaker)) {
    return 'In a moderator order the next speaker must be one who has not spoken yet this round.';
  }
  return null;
}

export function applyModeratorReply(
  state: Pick<DebateStateValue, 'round' | 'order' | 'speakers'>,
  reply: ModeratorReply,
  noteId: { id: string; createdAt: string },
): { update: StateChange; note: ModeratorTurn | null } {
  const update: StateChange = { awaitingModerator: false };
  const text = reply.note?.trim() ?? '';
  const note: ModeratorTurn | null = text === '' ? null : { kind: 'moderator', id: noteId.id, exchange: state.round, text, createdAt: noteId.createdAt };
  if (note !== null) update.turns = [note];
  if (reply.exchanges !== undefined) update.exchanges = reply.exchanges;
  if (reply.nextSpeaker !== undefined) {
    // In a moderator order the person's choice is the round's next pick; elsewhere the round goes on from that speaker.
    if (state.order.kind === 'moderator') update.order = withPick(state.order, state.round, reply.nextSpeaker);
    else update.position = positionOf(state.order, state.round, reply.nextSpeaker, state.speakers.length);
  }
  if (reply.end === true) update.halt = { outcome: 'complete', reason: 'moderator' };
  return { update, note };
}
