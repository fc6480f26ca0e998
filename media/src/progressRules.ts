// How far a debate has got and how long the rest may take, as pure rules: the
// progress line (progressLine.ts) words what these compute. A turn's number is its
// place in the plan (round by round, each place in the round in the debate's turn
// order), so a turn spoken again after a failure, or regenerated, keeps its number.
import { positionOf, ROUND_ROBIN } from '../../engine/turn-order';
import type { Transcript } from '../../engine/types';
import { lastSpeakerTurn, nextSpeakerAt } from '../../extension/contract/debate-rules';
import type { TurnHeading } from '../../extension/contract/protocol';
import * as l10n from './l10n';

export interface DebateProgress {
  /** The round (exchange) of the turn counted, 1-based. */
  round: number;
  rounds: number;
  /** The turn counted: the one speaking (the first of those speaking at once), else the one about to speak, else the last spoken. */
  turn: number;
  /** The last of the turns speaking at once (a simultaneous round), when more than one does. */
  throughTurn?: number;
  turns: number;
  /** The debate has stop conditions that may end it before its last turn: "of at most". */
  atMost: boolean;
}

type PlanOf = Pick<Transcript, 'turns' | 'speakers' | 'exchanges' | 'order' | 'stopOn' | 'outcome'>;

/** Where a turn stands in the plan: round 2, second place of three, is turn 5. */
export function turnNumber(round: number, position: number, speakers: number): number {
  return (round - 1) * speakers + position + 1;
}

/** Whether something but the exchange count may still end the debate (a stop condition); a finished one has ended. */
export function mayEndEarly(transcript: Pick<Transcript, 'stopOn' | 'outcome'>): boolean {
  const conditions = transcript.stopOn;
  return transcript.outcome !== 'complete' && conditions !== undefined && Object.values(conditions).some((rule) => rule !== undefined);
}

function progressAt(transcript: PlanOf, round: number, position: number): DebateProgress {
  const speakers = Math.max(1, transcript.speakers.length);
  const turn = turnNumber(round, position, speakers);
  // A plan cut below the turn counted (the moderator ended sooner) never reads "turn 7 of 6".
  const rounds = Math.max(transcript.exchanges, round);
  return { round, rounds, turn, turns: Math.max(rounds * speakers, turn), atMost: mayEndEarly(transcript) };
}

/** The place in its round of a turn by `speakerIndex`, in the debate's turn order. */
function placeOf(transcript: PlanOf, round: number, speakerIndex: number): number {
  const speakers = transcript.speakers.length;
  // A turn naming a speaker the debate does not list (a damaged record) counts where its index says.
  if (speakerIndex < 0 || speakerIndex >= speakers) return Math.max(0, speakerIndex);
  return positionOf(transcript.order ?? ROUND_ROBIN, round, speakerIndex, speakers);
}

/**
 * The progress of the debate shown: the live turn's place while one streams; while a run
 * waits for its next turn, the turn about to speak; otherwise the last turn spoken. Null
 * when nothing is spoken and nothing runs.
 */
export function debateProgress(transcript: PlanOf, live: Pick<TurnHeading, 'exchange' | 'speakerIndex'> | null, running: boolean): DebateProgress | null {
  if (live !== null) return progressAt(transcript, live.exchange, placeOf(transcript, live.exchange, live.speakerIndex));
  if (running) {
    const next = nextSpeakerAt(transcript);
    if (next.round <= transcript.exchanges) return progressAt(transcript, next.round, next.position);
  }
  const last = lastSpeakerTurn(transcript.turns);
  return last === null ? null : progressAt(transcript, last.exchange, placeOf(transcript, last.exchange, last.speakerIndex));
}

/**
 * The progress while several turns speak at once (a simultaneous round): counted from the first
 * of them in the plan to the last, "turns 4–6"; with one turn or none, as debateProgress counts.
 */
export function liveProgress(transcript: PlanOf, live: readonly Pick<TurnHeading, 'exchange' | 'speakerIndex'>[], running: boolean): DebateProgress | null {
  const speakers = Math.max(1, transcript.speakers.length);
  const numbered = live
    .map((turn) => ({ turn, number: turnNumber(turn.exchange, placeOf(transcript, turn.exchange, turn.speakerIndex), speakers) }))
    .sort((a, b) => a.number - b.number);
  const progress = debateProgress(transcript, numbered[0]?.turn ?? null, running);
  const last = numbered.at(-1);
  if (progress === null || last === undefined || numbered.length < 2) return progress;
  return { ...progress, throughTurn: last.number, turns: Math.max(progress.turns, last.number) };
}

/**
 * How many turns' time the plan still takes after the turns counted: each turn's, one after
 * the other; in a simultaneous order a round's turns take the time of one, so each round's.
 */
export function stepsAfter(progress: DebateProgress, simultaneous: boolean): number {
  if (simultaneous) return progress.rounds - progress.round;
  return progress.turns - (progress.throughTurn ?? progress.turn);
}

/** "Round 2 of 10 · turn 8 of 60", "turns 4–6 of 9" while a round's turns speak at once, "of at most 60" when a stop condition may end it sooner. */
export function formatProgress({ round, rounds, turn, throughTurn, turns, atMost }: DebateProgress): string {
  const counted = throughTurn !== undefined && throughTurn > turn
    ? (atMost ? l10n.t('turns {0}–{1} of at most {2}', turn, throughTurn, turns) : l10n.t('turns {0}–{1} of {2}', turn, throughTurn, turns))
    : (atMost ? l10n.t('turn {0} of at most {1}', turn, turns) : l10n.t('turn {0} of {1}', turn, turns));
  return l10n.t('Round {0} of {1} · {2}', round, rounds, counted);
}

export interface TimeLeftInput {
  /** How long each turn that finished in this run took (ms). */
  finishedTurnsMs: readonly number[];
  /** Turns of the plan after the one counted. */
  turnsAfter: number;
  /** How long the turn counted has been speaking (ms); null when it has not begun (about to speak). */
  currentElapsedMs: number | null;
}

/**
 * The time the rest of the debate may take, from the average turn of this run: the turns
 * after this one, plus what the average leaves of the turn under way. Null until a turn
 * finished (nothing to go by).
 */
export function estimateTimeLeftMs({ finishedTurnsMs, turnsAfter, currentElapsedMs }: TimeLeftInput): number | null {
  const usable = finishedTurnsMs.filter((ms) => Number.isFinite(ms) && ms > 0);
  if (usable.length === 0) return null;
  const average = usable.reduce((sum, ms) => sum + ms, 0) / usable.length;
  // A turn running longer than the average is taken to be about to end, not to take no time.
  const current = currentElapsedMs === null ? average : Math.max(0, average - currentElapsedMs);
  return Math.max(0, turnsAfter) * average + current;
}

/** "about 3 min left", "about 1 h 20 min left", "less than a minute left". */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return l10n.t('less than a minute left');
  if (minutes < 60) return l10n.t('about {0} min left', minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? l10n.t('about {0} h left', hours) : l10n.t('about {0} h {1} min left', hours, rest);
}
