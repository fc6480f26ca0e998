// The debate's rules of order, pure: who speaks next, when it ends, and where a
// debate stands once a run stops. Tested without a model or a graph.
import { END } from '@langchain/langgraph';
import { cutOffOf } from '../run-cut-off';
import { pickCandidates, speakerAt, waitingInRound } from '../turn-order';
import type { DebateOutcome, SpeakerTurn, StopReason, Turn } from '../types';
import type { DebateStateValue, Halt } from './state';

export const MODERATOR_NODE = 'moderator';
export const JUDGE_NODE = 'judge';

export function speakerNodeName(speakerIndex: number): string {
  return `speaker_${speakerIndex + 1}`;
}

export type RoutingState = Pick<
  DebateStateValue,
  | 'halt' | 'round' | 'exchanges' | 'position' | 'awaitingModerator' | 'order' | 'speakers' | 'turns' | 'redo'
  | 'aiModerator' | 'closingStatements' | 'framed' | 'reviewedRound' | 'stopOn' | 'endJudge' | 'judgedAt'
>;

/** The turn Regenerate asked for, if it is a speaker's. */
export function redoTurn(state: Pick<DebateStateValue, 'redo' | 'turns'>): SpeakerTurn | null {
  if (state.redo === null) return null;
  const turn = state.turns.find((candidate) => candidate.id === state.redo);
  return turn?.kind === 'speaker' ? turn : null;
}

/** Whether the debate's rounds are over (its exchanges spoken, or ended early in a way that still closes well). */
function roundsOver(state: Pick<RoutingState, 'halt' | 'round' | 'exchanges'>): boolean {
  return state.halt?.outcome === 'complete' || (state.halt === null && state.round > state.exchanges);
}

/** Where the last rounds' speaker turns end: closing statements after it belong to this ending. */
function lastDebateTurnIndex(turns: readonly Turn[]): number {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind === 'speaker' && turn.closing === undefined) return i;
  }
  return -1;
}

/** The next speaker (listed order) owing a closing statement, or null when all have given one (or the debate has none). */
export function nextCloser(state: Pick<RoutingState, 'closingStatements' | 'turns' | 'speakers' | 'halt' | 'round' | 'exchanges'>): number | null {
  const last = lastDebateTurnIndex(state.turns);
  // Nothing was said: there is nothing to close.
  if (!state.closingStatements || !roundsOver(state) || last === -1) return null;
  const given = new Set<number>();
  for (const turn of state.turns.slice(last + 1)) {
    if (turn.kind === 'speaker' && turn.closing !== undefined && turn.status === 'complete') given.add(turn.speakerIndex);
  }
  const owing = state.speakers.findIndex((_, index) => !given.has(index));
  return owing === -1 ? null : owing;
}

/** Whether the judge has a debate to judge: one that ended well (its closing statements given) and not judged as it stands. */
export function judgeDue(state: Pick<RoutingState, 'endJudge' | 'judgedAt' | 'turns' | 'halt' | 'round' | 'exchanges'>): boolean {
  return state.endJudge !== null && roundsOver(state) && state.judgedAt !== state.turns.length;
}

/** The round that has just finished and not yet been reviewed by the AI moderator or the consensus check, if any. */
export function roundToReview(state: Pick<RoutingState, 'halt' | 'round' | 'exchanges' | 'position' | 'order' | 'aiModerator' | 'stopOn' | 'reviewedRound' | 'turns' | 'speakers'>): number | null {
  if (state.halt !== null) return null;
  const finished = state.round - 1;
  // A simultaneous round is over once the moderator node has moved the round on, which it does before reviewing.
  if (finished < 1 || finished <= state.reviewedRound) return null;
  if (state.aiModerator !== null) return finished;
  // A consensus check alone is pointless after the last round: the debate ends anyway.
  return state.stopOn.consensus?.model !== undefined && state.round <= state.exchanges ? finished : null;
}

/** Whether a simultaneous round has every reply in and waits to be moved on. */
export function simultaneousRoundDone(state: Pick<RoutingState, 'order' | 'halt' | 'round' | 'exchanges' | 'turns' | 'speakers'>): boolean {
  return state.order.kind === 'simultaneous' && state.halt === null && state.round <= state.exchanges && waitingInRound(state.turns, state.round, state.speakers.length).length === 0;
}

/** Whether the AI moderator has to pick who speaks at the current place (two or more candidates left). */
export function pickDue(state: Pick<RoutingState, 'order' | 'halt' | 'round' | 'exchanges' | 'position' | 'speakers' | 'redo'>): boolean {
  if (state.order.kind !== 'moderator' || state.halt !== null || state.redo !== null || state.round > state.exchanges) return false;
  return pickCandidates(state.order, state.round, state.position, state.speakers.length).length > 1;
}

/**
 * Whether the moderator node has work before the next turn: the person's word, a round to move
 * on, the AI moderator's. Each of these is done once the node has run, so it never loops.
 */
export function moderatorDue(state: RoutingState): boolean {
  if (state.awaitingModerator || simultaneousRoundDone(state)) return true;
  if (state.redo !== null) return false;
  if (state.aiModerator !== null && !state.framed && state.halt === null && state.round <= state.exchanges) return true;
  return roundToReview(state) !== null || pickDue(state);
}

/** Who speaks next: the next speaker (every waiting one in a simultaneous round), a closing statement, or the end. */
function nextSpeakers(state: RoutingState): string | string[] {
  const redo = redoTurn(state);
  if (redo !== null) return speakerNodeName(redo.speakerIndex);
  if (state.halt !== null || state.round > state.exchanges) {
    const closer = nextCloser(state);
    if (closer !== null) return speakerNodeName(closer);
    return judgeDue(state) ? JUDGE_NODE : END;
  }
  if (state.order.kind === 'simultaneous') return waitingInRound(state.turns, state.round, state.speakers.length).map(speakerNodeName);
  return speakerNodeName(speakerAt(state.order, state.round, state.position, state.speakers.length));
}

/**
 * From the moderator node (and from a change recorded as its own: the start, Continue): to
 * itself again only when there is moderator work it has not done yet (a debate just started
 * under an AI moderator), else to whoever speaks next.
 */
export function routeFromModerator(state: RoutingState): string | string[] {
  return moderatorDue(state) ? MODERATOR_NODE : nextSpeakers(state);
}

/**
 * After a turn: to the moderator only when it has work (the person asked for it, a round ended
 * under an AI moderator), else straight on: one superstep per turn keeps the checkpoint log
 * small. Each of a simultaneous round's replies goes to the moderator node: a route sees only
 * its own node's reply, so only that node, a step later, sees whether the round is complete.
 */
export function routeAfterTurn(state: RoutingState): string | string[] {
  if (state.order.kind === 'simultaneous') return MODERATOR_NODE;
  return routeFromModerator(state);
}

/** How a run aborted through its signal ends: stopped by the person, or interrupted when it was cut off (run-cut-off.ts). */
export function haltOnAbort(signal: AbortSignal): Halt {
  return cutOffOf(signal) === null ? { outcome: 'stopped', reason: 'user' } : { outcome: 'interrupted', reason: null };
}

export interface Standing {
  outcome: DebateOutcome;
  stopReason: StopReason | null;
  /** What a stop condition found, when one ended the debate. */
  stopNote?: string;
}

/**
 * Where a debate stands when no run is going on, from its last checkpoint:
 * `waiting` when the moderator node waits for the person, `pending` the nodes
 * that would run next (some left when a process died mid-run).
 */
export function standingOf(state: Pick<DebateStateValue, 'halt' | 'round' | 'exchanges'>, pending: readonly string[], waiting: boolean): Standing {
  if (waiting) return { outcome: 'paused', stopReason: null };
  if (state.halt !== null) {
    const { outcome, reason } = state.halt;
    return 'note' in state.halt ? { outcome, stopReason: reason, stopNote: state.halt.note } : { outcome, stopReason: reason };
  }
  if (pending.length === 0) return { outcome: 'complete', stopReason: 'exchanges' };
  return { outcome: 'interrupted', stopReason: null };
}
