// The shape the judge must answer in, for one order: built from that order's side labels
// (and turn keys, when turns are marked) as a Zod schema. Its JSON Schema goes to Ollama in
// the request's `format` (structured output); the answer is then checked against the same
// schema, since a model or a server may still answer otherwise.
import { z } from 'zod';
import { describeZodError } from '../library/zod-reason';
import { cutText, stripUnsafe } from '../text-safety';
import { JUDGE_CRITERIA, MAX_SCORE, MIN_SCORE, type JudgeCriterion } from './verdict';

/** The winner's value when no side is better. */
export const TIE = 'tie';

export interface JudgeAnswer {
  scores: Record<string, Record<JudgeCriterion, number>>;
  /** A side label, or TIE. */
  winner: string;
  rationale: string;
  turnMarks?: Record<string, number>;
}

const mark = z.number().int().min(MIN_SCORE).max(MAX_SCORE);

/** Pure: the answer's schema for sides `labels` ("A", "B"…); with `turnKeys`, a mark for each of those turns too. */
export function answerSchema(labels: readonly string[], turnKeys: readonly string[] | null): z.ZodType<JudgeAnswer> {
  const criteria = z.strictObject(Object.fromEntries(JUDGE_CRITERIA.map((criterion) => [criterion, mark])) as Record<JudgeCriterion, typeof mark>);
  const shape = {
    scores: z.strictObject(Object.fromEntries(labels.map((label) => [label, criteria]))),
    winner: z.enum([...labels, TIE]),
    rationale: z.string().trim().min(1),
    ...(turnKeys !== null && { turnMarks: z.strictObject(Object.fromEntries(turnKeys.map((key) => [key, mark]))) }),
  };
  return z.strictObject(shape) as unknown as z.ZodType<JudgeAnswer>;
}

/** Pure: the JSON Schema sent as `format`. */
export function formatSchema(schema: z.ZodType<JudgeAnswer>): Record<string, unknown> {
  return z.toJSONSchema(schema) as Record<string, unknown>;
}

export type AnswerCheck = { ok: true; answer: JudgeAnswer } | { ok: false; reason: string };

/** Most characters of a bad answer quoted in the reason. */
const QUOTED_CHARS = 120;

function quote(text: string): string {
  return `"${cutText(stripUnsafe(text).replace(/\s+/g, ' ').trim(), QUOTED_CHARS)}"`;
}

/** A JSON object wrapped in a code fence (some models add one) is still that object. */
function unfenced(text: string): string {
  const fence = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(text.trim());
  return fence?.[1] ?? text;
}

/** Pure: the judge's reply as an answer, or why it is not one (its words quoted, cut, made safe). */
export function checkAnswer(content: string, schema: z.ZodType<JudgeAnswer>): AnswerCheck {
  if (content.trim() === '') return { ok: false, reason: 'the judge answered nothing' };
  let json: unknown;
  try {
    json = JSON.parse(unfenced(content));
  } catch {
    return { ok: false, reason: `the judge did not answer in JSON (it said ${quote(content)})` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `the judge's JSON is not a verdict: ${describeZodError(parsed.error)}` };
  return { ok: true, answer: parsed.data };
}
