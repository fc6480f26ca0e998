// Asking a model for an answer of a given shape and taking only an answer that fits: its JSON
// Schema goes in `format` (structured output), the reply is parsed and checked against the same
// Zod schema (a model or a server may still answer otherwise), and one retry restates the
// schema in the prompt, as Ollama's structured-output docs advise. After that, a failure with
// the reason: never a made-up answer.
import { z } from 'zod';
import type { ChatMessage } from './context';
import { EngineError } from './errors';
import { retryMessages } from './judge/judge-prompt';
import { describeZodError } from './library/zod-reason';
import { askStructured, type StructuredCall } from './structured-chat';
import { cutText, stripUnsafe } from './text-safety';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Most characters of a bad answer quoted in a reason. */
const QUOTED_CHARS = 120;

/** A reply quoted in a reason: one line, cut, made safe. */
function quoted(text: string): string {
  return `"${cutText(stripUnsafe(text).replace(/\s+/g, ' ').trim(), QUOTED_CHARS)}"`;
}

/** A JSON object wrapped in a code fence (some models add one) is still that object. */
function withoutFence(text: string): string {
  return /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(text.trim())?.[1] ?? text;
}

/** Pure: a reply as the answer `schema` describes, or why it is not one; `who` names the model in the reason. */
export function checkStructured<T>(content: string, schema: z.ZodType<T>, who: string): Checked<T> {
  if (content.trim() === '') return { ok: false, reason: `${who} answered nothing` };
  let json: unknown;
  try {
    json = JSON.parse(withoutFence(content));
  } catch {
    return { ok: false, reason: `${who} did not answer in JSON (it said ${quoted(content)})` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: `${who} answered JSON of the wrong shape: ${describeZodError(parsed.error)}` };
}

/** Pure: the JSON Schema of `schema`, as sent in `format`. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema) as Record<string, unknown>;
}

export interface CheckedCall<T> extends Omit<StructuredCall, 'format'> {
  schema: z.ZodType<T>;
  /** The model as reasons name it, e.g. "the moderator (gemma3:4b)". */
  who: string;
}

export type CheckedAnswer<T> = { ok: true; value: T; retried: boolean } | { ok: false; reason: string };

/** Why a call got no reply at all, in the engine's words. */
function callFailure(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return 'it was stopped';
  if (error instanceof EngineError) return error.detail.message;
  return error instanceof Error ? error.message : String(error);
}

/** Asks, checks, and asks once more with the schema restated when the answer does not fit. Never throws for the model's failure. */
export async function askChecked<T>(call: CheckedCall<T>): Promise<CheckedAnswer<T>> {
  const { schema, who, messages, ...rest } = call;
  const format = jsonSchemaOf(schema);
  const ask = (sent: readonly ChatMessage[]): Promise<string> => askStructured({ ...rest, messages: sent, format });
  try {
    const first = checkStructured(await ask(messages), schema, who);
    if (first.ok) return { ok: true, value: first.value, retried: false };
    const retry = checkStructured(await ask(retryMessages(messages, first.reason, format)), schema, who);
    if (retry.ok) return { ok: true, value: retry.value, retried: true };
    return { ok: false, reason: `${first.reason}; asked again with the schema restated, ${retry.reason}` };
  } catch (error) {
    return { ok: false, reason: callFailure(error, call.signal) };
  }
}
