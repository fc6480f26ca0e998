// The AI moderator's calls: framing the question, reviewing a round (summary, consensus, early
// close), picking the next speaker. Each goes through Ollama's structured output, is checked,
// retried once with the schema restated, and otherwise fails with the reason: the moderator's
// words are never made up. Its answers are model output: made safe and capped (answers.ts).
import { askChecked, type CheckedCall } from '../structured-answer';
import type { DebateMaterial, Turn } from '../types';
import { framingSchema, framingText, pickReason, pickSchema, reviewSchema, roundReview, type ReviewAsks, type RoundReview } from './answers';
import type { ModeratedSpeaker } from './debate-view';
import { DEFAULT_MODERATOR_BUDGET_CHARS } from './moderator-limits';
import { framingRequest, pickRequest, reviewRequest, type ModeratorRequest } from './prompts';

export interface ModeratorCall {
  host: string;
  model: string;
  topic: string;
  /** By index, as the debate's speakers; the moderator sees their names (it is not blind). */
  speakers: readonly ModeratedSpeaker[];
  /** The debate so far, oldest first; only what the speakers heard is sent (no closing statements, no reasoning). */
  turns: readonly Turn[];
  /** Each request (the first and a retry), model load included, must be done within this. */
  deadlineMs: number;
  /** Most characters of turns sent, the newest kept (default DEFAULT_MODERATOR_BUDGET_CHARS). */
  budgetChars?: number;
  /** The debate's language: the moderator writes its framing, summaries and reasons in it; absent: none is said. */
  language?: string;
  /** The lines of files and/or diff debated (engine/material): shown with the topic, as data. */
  material?: DebateMaterial;
  signal?: AbortSignal;
}

export type FramingResult = { ok: true; text: string } | { ok: false; reason: string };
export type ReviewResult = { ok: true; review: RoundReview } | { ok: false; reason: string };
export type PickResult = { ok: true; speakerIndex: number; reason: string } | { ok: false; reason: string };

export interface ReviewCall extends ModeratorCall, ReviewAsks {
  /** The round that has just ended (1-based). */
  round: number;
}

export interface PickCall extends ModeratorCall {
  /** The round under way (1-based). */
  round: number;
  /** The speakers (indexes) yet to speak this round. */
  candidates: readonly number[];
}

/** Pure: a reason as a sentence a message can go on after: capitalised, ending in a full stop. */
export function sentence(reason: string): string {
  const trimmed = reason.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function budgetOf(call: ModeratorCall): number {
  return call.budgetChars ?? DEFAULT_MODERATOR_BUDGET_CHARS;
}

function asked<T>(call: ModeratorCall, sent: ModeratorRequest, schema: CheckedCall<T>['schema']): CheckedCall<T> {
  return {
    host: call.host,
    model: call.model,
    messages: sent.messages,
    schema,
    who: `the moderator (${call.model})`,
    deadlineMs: call.deadlineMs,
    ...(call.signal !== undefined && { signal: call.signal }),
  };
}

/** Opens the debate: the question framed in 2-3 sentences, taking no side. */
export async function frameDebate(call: ModeratorCall): Promise<FramingResult> {
  const answer = await askChecked(asked(call, framingRequest(call, budgetOf(call)), framingSchema));
  if (!answer.ok) return { ok: false, reason: sentence(answer.reason) };
  return { ok: true, text: framingText(answer.value) };
}

/**
 * After round `round`: its summary (when `summarise`), whether the speakers agree, whether the
 * debate should close now (when `closeAllowed`). Without `summarise` it is a pure consensus
 * check, for a debate with a consensus model but no AI moderator.
 */
export async function reviewRound(call: ReviewCall): Promise<ReviewResult> {
  const asks: ReviewAsks = { summarise: call.summarise, closeAllowed: call.closeAllowed };
  const answer = await askChecked(asked(call, reviewRequest(call, call.round, asks, budgetOf(call)), reviewSchema(asks)));
  if (!answer.ok) return { ok: false, reason: sentence(answer.reason) };
  return { ok: true, review: roundReview(answer.value, asks) };
}

/** Pure: the candidates that are speakers, each once, in the order given. */
export function validCandidates(candidates: readonly number[], speakerCount: number): number[] {
  return [...new Set(candidates)].filter((index) => Number.isInteger(index) && index >= 0 && index < speakerCount);
}

/** Who speaks next among `candidates`: the moderator's choice (asked only when there is a choice), mapped back to a speaker index. */
export async function pickNextSpeaker(call: PickCall): Promise<PickResult> {
  const candidates = validCandidates(call.candidates, call.speakers.length);
  const [first, ...others] = candidates;
  if (first === undefined) return { ok: false, reason: `No speaker is left to choose from in round ${call.round}.` };
  if (others.length === 0) return { ok: true, speakerIndex: first, reason: 'the only speaker yet to speak this round' };
  const nameOf = (index: number): string => call.speakers[index]?.name ?? '';
  const names: [string, ...string[]] = [nameOf(first), ...others.map(nameOf)];
  const answer = await askChecked(asked(call, pickRequest(call, call.round, names, budgetOf(call)), pickSchema(names)));
  if (!answer.ok) return { ok: false, reason: sentence(answer.reason) };
  const speakerIndex = candidates.find((index) => nameOf(index) === answer.value.next);
  // The schema's enum holds only the candidates' names, so this is never undefined.
  if (speakerIndex === undefined) return { ok: false, reason: `The moderator named "${answer.value.next}", who is not among the candidates.` };
  return { ok: true, speakerIndex, reason: pickReason(answer.value) };
}
