// The debate's graph state: the rules' inputs and the transcript, which only grows.
import { Annotation } from '@langchain/langgraph';
import type { DebateError, SpeakerConfig, Turn } from './types';

/** Why the debate ends before its last exchange. */
export type Halt = { outcome: 'stopped' } | { outcome: 'failed'; error: DebateError };

function replace<T>(_previous: T, next: T): T {
  return next;
}

export const DebateState = Annotation.Root({
  topic: Annotation<string>(),
  speakers: Annotation<SpeakerConfig[]>(),
  /** Exchanges requested. */
  exchanges: Annotation<number>(),
  /** The exchange (1-based) the next speaker belongs to; advanced after the last speaker of a round. */
  exchange: Annotation<number>({ reducer: replace, default: () => 1 }),
  /** Append-only: each node adds the turn it produced. */
  transcript: Annotation<Turn[]>({ reducer: (turns, added) => turns.concat(added), default: () => [] }),
  halt: Annotation<Halt | null>({ reducer: replace, default: () => null }),
});

export type DebateStateValue = typeof DebateState.State;
export type DebateStateUpdate = typeof DebateState.Update;
