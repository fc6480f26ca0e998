// One structured-output request to a model (the judge's, the moderator's): POST /api/chat, not
// streamed, with the answer's JSON Schema in `format`, through the engine's own fetch
// (ollama-fetch.ts) with a deadline for the whole call. ollama-js sends the request object as
// the body, as given, so the body is exactly this.
import { Ollama } from 'ollama';
import type { ChatMessage } from './context';
import { describeOllamaError, EngineError, notOllamaError } from './errors';
import { KEEP_ALIVE } from './limits';
import { ollamaFetch } from './ollama-fetch';

export interface StructuredCall {
  host: string;
  model: string;
  messages: readonly ChatMessage[];
  /** The JSON Schema the answer must fit (Ollama's structured output). */
  format: Record<string, unknown>;
  /** The whole call, model load and the answer included, must be done within this. */
  deadlineMs: number;
  signal?: AbortSignal;
}

/** Pure: the request body: temperature 0, as Ollama's structured-output docs advise for a stable answer. */
export function structuredRequestBody(call: Pick<StructuredCall, 'model' | 'messages' | 'format'>) {
  return {
    model: call.model,
    messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
    format: call.format,
    stream: false as const,
    options: { temperature: 0 },
    keep_alive: KEEP_ALIVE,
  };
}

/** The model's reply text; an EngineError (in the engine's words) when Ollama could not give one. */
export async function askStructured(call: StructuredCall): Promise<string> {
  const context = { host: call.host, model: call.model };
  const client = new Ollama({
    host: call.host,
    fetch: ollamaFetch({ deadlineMs: call.deadlineMs, ...(call.signal !== undefined && { signal: call.signal }) }),
  });
  let response: unknown;
  try {
    response = await client.chat(structuredRequestBody(call));
  } catch (error) {
    throw new EngineError(describeOllamaError(error, context));
  }
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : undefined;
  const content = typeof message === 'object' && message !== null ? (message as { content?: unknown }).content : undefined;
  if (typeof content !== 'string') throw new EngineError(notOllamaError(context, 'POST /api/chat gave no message'));
  return content;
}
