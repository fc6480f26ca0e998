// Asking the judge model for a decision record: the debate in, MADR's parts out, through
// structured output, checked, one retry with the schema restated (askChecked). When no answer
// fits, the reason: a record is never made up.
import { DEFAULT_JUDGE_TIMEOUT_MS } from '../judge/judge-limits';
import { askChecked } from '../structured-answer';
import type { Transcript } from '../types';
import { recordMessages } from './record-prompt';
import { decisionAnswerSchema, type DecisionAnswer } from './record-schema';

export interface DraftOptions {
  model: string;
  host: string;
  /** Deadline of each call (default: the judge's). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type DraftResult = { ok: true; answer: DecisionAnswer; retried: boolean } | { ok: false; reason: string };

/** The judge model's record of `transcript`, or why there is none ("no usable answer: …"). Never throws for the model's failure. */
export async function draftDecisionRecord(transcript: Transcript, options: DraftOptions): Promise<DraftResult> {
  const result = await askChecked({
    host: options.host,
    model: options.model,
    messages: recordMessages(transcript),
    schema: decisionAnswerSchema,
    who: `the judge (${options.model})`,
    deadlineMs: options.timeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS,
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  if (!result.ok) return { ok: false, reason: `no usable answer: ${result.reason}` };
  return { ok: true, answer: result.value, retried: result.retried };
}
