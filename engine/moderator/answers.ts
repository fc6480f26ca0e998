// The shapes the moderator must answer in, as Zod schemas (their JSON Schema goes to Ollama in
// `format`), and what is kept of an answer that fits: its words made safe and capped. Each
// shape has a property the others lack ("framing", "consensus", "next"), so a reply's purpose
// is plain from its schema alone.
import { z } from 'zod';
import { MAX_MODERATOR_REASON_CHARS, MAX_MODERATOR_TEXT_CHARS } from './moderator-limits';
import { cleanLine, cleanParagraphs, saysSomething } from './untrusted-text';

/** Words the answer must actually contain (control characters alone are nothing). */
const words = z.string().refine(saysSomething, { message: 'is empty' });

export interface FramingAnswer {
  framing: string;
}

export const framingSchema: z.ZodType<FramingAnswer> = z.strictObject({ framing: words });

/** Pure: the framing as it is kept. */
export function framingText(answer: FramingAnswer): string {
  return cleanParagraphs(answer.framing, MAX_MODERATOR_TEXT_CHARS);
}

/** What a round's review asks for besides consensus. */
export interface ReviewAsks {
  /** A summary of the round. */
  summarise: boolean;
  /** Whether the debate should close early. */
  closeAllowed: boolean;
}

interface ReviewAnswer {
  summary?: string;
  consensus: { agree: boolean; reason: string };
  close?: { close: boolean; reason: string };
}

export interface RoundReview {
  /** The round in a few sentences; null when no summary was asked for. */
  summary: string | null;
  /** Whether the speakers now agree (a stop condition), and why. */
  consensus: { agree: boolean; reason: string };
  /** Whether the debate has run its course and should close now, and why; {close: false, reason: ''} when not asked. */
  close: { close: boolean; reason: string };
}

/** Pure: the review's schema: the summary first (writing it is the model's reading of the round), then consensus, then closing. */
export function reviewSchema(asks: ReviewAsks): z.ZodType<ReviewAnswer> {
  return z.strictObject({
    ...(asks.summarise && { summary: words }),
    consensus: z.strictObject({ agree: z.boolean(), reason: words }),
    ...(asks.closeAllowed && { close: z.strictObject({ close: z.boolean(), reason: words }) }),
  }) as unknown as z.ZodType<ReviewAnswer>;
}

/** Pure: the review as it is kept: only what was asked for, its words made safe and capped. */
export function roundReview(answer: ReviewAnswer, asks: ReviewAsks): RoundReview {
  const reason = (text: string): string => cleanLine(text, MAX_MODERATOR_REASON_CHARS);
  return {
    summary: asks.summarise && answer.summary !== undefined ? cleanParagraphs(answer.summary, MAX_MODERATOR_TEXT_CHARS) : null,
    consensus: { agree: answer.consensus.agree, reason: reason(answer.consensus.reason) },
    close: asks.closeAllowed && answer.close !== undefined ? { close: answer.close.close, reason: reason(answer.close.reason) } : { close: false, reason: '' },
  };
}

export interface PickAnswer {
  reason: string;
  next: string;
}

/** Pure: the pick's schema: the reason first, then one of `names` (the candidates'), nothing else. */
export function pickSchema(names: readonly [string, ...string[]]): z.ZodType<PickAnswer> {
  return z.strictObject({ reason: words, next: z.enum(names) });
}

/** Pure: the pick's reason as it is kept. */
export function pickReason(answer: PickAnswer): string {
  return cleanLine(answer.reason, MAX_MODERATOR_REASON_CHARS);
}
