// The debate's rules of order, pure: who speaks next, when it ends, and where a
// debate stands once a run stops. Tested without a model or a graph.
import { END } from '@langchain/langgraph';
import { cutOffOf } from '../run-cut-off';
import { speakerAt } from '../turn-order';
import type { DebateOutcome, StopReason } from '../types';
import type { DebateStateValue, Halt } from './state';

export const MODERATOR_NODE = 'moderator';

export function speakerNodeName(speakerIndex: number): string {
  return `speaker_${speakerIndex + 1}`;
}

export type RoutingState = Pick<DebateStateValue, 'halt' | 'round' | 'exchanges' | 'position' | 'awaitingModerator' | 'order' | 'speakers'>;

/** Where the moderator sends the debate: the next speaker, or the end. */
export function routeFromModerator(state: RoutingState): string {
  if (state.halt !== null || state.round > state.exchanges) return END;
  return speakerNodeName(speakerAt(state.order, state.round, state.position, state.speakers.length));
}

/**
 * After a turn (or at the start): to the moderator only when the person asked for it, else
 * straight on. One superstep per turn keeps the checkpoint log small.
 */
export function routeAfterTurn(state: RoutingState): string {
  return state.awaitingModerator ? MODERATOR_NODE : routeFromModerator(state);
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
