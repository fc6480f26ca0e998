/**
 * Narrows parsed JSON request bodies to the typed shapes the handlers use. Only what the
 * simulator acts on is checked; a body that fails gets Ollama's 400 with an error text.
 */
import type { ChatMessageBody, ChatRequestBody, GenerateRequestBody } from './protocol';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

type JsonObject = Record<string, unknown>;

const MISSING_BODY = { ok: false, error: 'missing request body' } as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ollama accepts `model`, and the older `name`, to name the model. */
export function modelName(body: unknown): Parsed<string> {
  if (!isObject(body)) return MISSING_BODY;
  const name = body.model ?? body.name;
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, error: 'model is required' };
  return { ok: true, value: name };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function keepAlive(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function options(value: unknown): Record<string, unknown> | undefined {
  return isObject(value) ? value : undefined;
}

function chatMessage(value: unknown): ChatMessageBody | null {
  if (!isObject(value) || typeof value.role !== 'string') return null;
  const message: ChatMessageBody = { ...value, role: value.role, content: optionalString(value.content) ?? '' };
  return message;
}

/** Ollama's `format`: absent, "json", or a JSON Schema (an object); anything else is refused. */
function isStructuredFormat(format: unknown): boolean {
  return format === undefined || format === null || format === '' || format === 'json' || isObject(format);
}

export function parseChatRequest(body: unknown): Parsed<ChatRequestBody> {
  if (!isObject(body)) return MISSING_BODY;
  const name = modelName(body);
  if (!name.ok) return name;
  const raw = body;
  const rawMessages = raw.messages ?? [];
  if (!Array.isArray(rawMessages)) return { ok: false, error: 'messages must be an array' };
  const messages: ChatMessageBody[] = [];
  for (const item of rawMessages) {
    const message = chatMessage(item);
    if (!message) return { ok: false, error: 'each message needs a role' };
    messages.push(message);
  }
  if (!isStructuredFormat(raw.format)) return { ok: false, error: 'invalid format: expected "json" or a JSON schema' };
  return {
    ok: true,
    value: {
      model: name.value,
      messages,
      stream: optionalBoolean(raw.stream),
      think: typeof raw.think === 'boolean' || typeof raw.think === 'string' ? raw.think : undefined,
      format: raw.format,
      options: options(raw.options),
      keep_alive: keepAlive(raw.keep_alive),
      tools: raw.tools,
    },
  };
}

export function parseGenerateRequest(body: unknown): Parsed<GenerateRequestBody> {
  if (!isObject(body)) return MISSING_BODY;
  const name = modelName(body);
  if (!name.ok) return name;
  const raw = body;
  return {
    ok: true,
    value: {
      model: name.value,
      prompt: optionalString(raw.prompt),
      system: optionalString(raw.system),
      stream: optionalBoolean(raw.stream),
      options: options(raw.options),
      keep_alive: keepAlive(raw.keep_alive),
    },
  };
}

export function parseStreamFlag(body: unknown): boolean {
  return !(isObject(body) && body.stream === false);
}

/** /api/generate as a chat: the optional system prompt, then the prompt; no prompt means "just load". */
export function generateAsChat(request: GenerateRequestBody): ChatRequestBody {
  const messages: ChatMessageBody[] = request.prompt
    ? [...(request.system ? [{ role: 'system', content: request.system }] : []), { role: 'user', content: request.prompt }]
    : [];
  return { ...request, messages };
}
