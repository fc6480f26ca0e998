// The debate's graph state: everything a turn needs, so a debate can stop and be
// picked up again from its checkpoint by another process (no closure state).
import { Annotation } from '@langchain/langgraph';
import { ROUND_ROBIN } from '../turn-order';
import type { DebateError, JudgeConfig, ModeratorConfig, SpeakerConfig, StopConditions, StopReason, Turn, TurnOrder } from '../types';

/** A speaker as the record keeps it: the tone's prompt travels with it, so a debate never depends on the settings it was started with. */
export interface DebateSpeaker extends SpeakerConfig {
  tonePrompt: string;
}

/** Why the debate ended before (or at) its last exchange; null while it can go on. */
export type Halt =
  /** The person's "end", or the AI moderator closing the debate (its reason in `note`). */
  | { outcome: 'complete'; reason: Extract<StopReason, 'moderator'>; note?: string }
  /** A stop condition held; `note` says what it found. */
  | { outcome: 'complete'; reason: Extract<StopReason, 'repetition' | 'consensus'>; note: string }
  | { outcome: 'stopped'; reason: Extract<StopReason, 'user'> }
  | { outcome: 'failed'; reason: Extract<StopReason, 'error'>; error: DebateError }
  /** The process running the debate died mid-turn; the cut-off turn is kept. */
  | { outcome: 'interrupted'; reason: null };

function replace<T>(_previous: T, next: T): T {
  return next;
}

/** Adds turns in order; a turn whose id is already there replaces it (a regenerated reply, a chosen alternative). */
export function upsertTurns(turns: Turn[], added: Turn[]): Turn[] {
  let result = turns;
  for (const turn of added) {
    const at = result.findIndex((existing) => existing.id === turn.id);
    if (at === -1) result = result.concat(turn);
    else result = [...result.slice(0, at), turn, ...result.slice(at + 1)];
  }
  return result;
}

export const DebateState = Annotation.Root({
  topic: Annotation<string>(),
  speakers: Annotation<DebateSpeaker[]>(),
  /** Who speaks when within a round; `position` counts in this order. */
  order: Annotation<TurnOrder>({ reducer: replace, default: () => ROUND_ROBIN }),
  /** The conditions that end the debate early, chosen at the start and kept by every run. */
  stopOn: Annotation<StopConditions>({ reducer: replace, default: () => ({}) }),
  /** The AI moderator, if the debate has one (not `moderator`: that is the node's name). */
  aiModerator: Annotation<ModeratorConfig | null>({ reducer: replace, default: () => null }),
  /** Whether the debate ends with closing statements. */
  closingStatements: Annotation<boolean>({ reducer: replace, default: () => false }),
  /** The judge that gives a verdict when the debate ends well, if any (not `judge`: that is the node's name). */
  endJudge: Annotation<JudgeConfig | null>({ reducer: replace, default: () => null }),
  /** How many turns the debate had when the judge last judged it: an ending is judged once, a continued debate again. */
  judgedAt: Annotation<number>({ reducer: replace, default: () => -1 }),
  /** Whether the AI moderator has opened the debate (tried once, even if it failed). */
  framed: Annotation<boolean>({ reducer: replace, default: () => false }),
  /** The last round the AI moderator (or the consensus check) has reviewed. */
  reviewedRound: Annotation<number>({ reducer: replace, default: () => 0 }),
  /** Exchanges planned; Continue and the moderator change it. */
  exchanges: Annotation<number>({ reducer: replace, default: () => 1 }),
  /** The exchange (1-based) the next speaker belongs to. */
  round: Annotation<number>({ reducer: replace, default: () => 1 }),
  /** Where the next speaker stands within the round, in the debate's order (turn-order.ts maps it to a speaker). */
  position: Annotation<number>({ reducer: replace, default: () => 0 }),
  turns: Annotation<Turn[]>({ reducer: upsertTurns, default: () => [] }),
  halt: Annotation<Halt | null>({ reducer: replace, default: () => null }),
  /** Set by a speaker when the person asked to pause: the moderator node waits for them. */
  awaitingModerator: Annotation<boolean>({ reducer: replace, default: () => false }),
  /** The id of a turn to speak again (Regenerate); its reply replaces the old one, which is kept as an alternative. */
  redo: Annotation<string | null>({ reducer: replace, default: () => null }),
});

export type DebateStateValue = typeof DebateState.State;
export type DebateStateUpdate = typeof DebateState.Update;
/** A plain update (no LangGraph overwrite markers): what the nodes' rules return, readable as state. */
export type StateChange = Partial<Omit<DebateStateValue, 'turns'>> & { turns?: Turn[] };
