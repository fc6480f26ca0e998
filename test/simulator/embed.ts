/**
 * POST /api/embed as Ollama answers it (docs/api.md "Generate Embeddings"; server/routes.go
 * EmbedHandler): `input` is a text or a list of texts, the answer is one L2-normalised vector
 * per text with the timings in nanoseconds. A missing model is a 404; a model that is not an
 * embedding model is loaded and then refused with 501, as Ollama's runner refuses it.
 *
 * The vectors are a hashed bag of words and word pairs: deterministic, and meaningful enough
 * for tests: the same text gives the same vector, a lightly edited one a cosine near 1, texts
 * with few words in common a low one.
 */
import { performance } from 'node:perf_hooks';
import type { Exchange } from './exchange';
import { keepAliveMs } from './keep-alive';
import type { ModelResidency } from './model-residency';
import { errorBody, modelNotFoundMessage, nanosBetween, type SimModel } from './protocol';
import { modelName, type Parsed } from './request-body';
import { tokenize } from './tokenizer';

/** Length of every vector (all-minilm's), unless the request asks for fewer `dimensions`. */
export const EMBEDDING_DIMENSIONS = 384;
/** Tokens embedded when the model's context length is not given (Ollama's num_ctx default for embedding models). */
const DEFAULT_EMBED_CONTEXT = 2048;

/** Ollama's refusal (501) when the model has no embedding output, e.g. a chat model. */
export const EMBEDDING_UNSUPPORTED_MESSAGE = 'this model does not support embeddings';
/** Ollama's 400 for an input too long for the context with `truncate: false`. */
export const INPUT_TOO_LONG_MESSAGE = 'the input length exceeds the context length';
/** Ollama's 400 for an `input` that is neither a string nor a list of strings. */
export const INVALID_INPUT_MESSAGE = 'invalid input type';

/** The body of POST /api/embed, `input` already as the list of texts Ollama embeds. */
export interface EmbedRequestBody {
  model: string;
  input: string[];
  /** Default true: cut each text to the context length; false: refuse a text that is longer. */
  truncate?: boolean;
  /** Fewer dimensions than the model's: the vector is cut to that many and normalised again. */
  dimensions?: number;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
}

export interface EmbedEnvironment {
  /** The installed model of that name, if any. */
  model(name: string): SimModel | undefined;
  residency: ModelResidency;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** As Ollama reads `input`: an empty string or no input means nothing to embed (the model is only loaded). */
function inputTexts(input: unknown): string[] | null {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return input === '' ? [] : [input];
  if (Array.isArray(input) && input.every((item): item is string => typeof item === 'string')) return input;
  return null;
}

export function parseEmbedRequest(body: unknown): Parsed<EmbedRequestBody> {
  const name = modelName(body);
  if (!name.ok) return name;
  const raw = isObject(body) ? body : {};
  const input = inputTexts(raw.input);
  if (input === null) return { ok: false, error: INVALID_INPUT_MESSAGE };
  return {
    ok: true,
    value: {
      model: name.value,
      input,
      ...(typeof raw.truncate === 'boolean' && { truncate: raw.truncate }),
      ...(Number.isInteger(raw.dimensions) && { dimensions: raw.dimensions as number }),
      ...(isObject(raw.options) && { options: raw.options }),
      ...((typeof raw.keep_alive === 'string' || typeof raw.keep_alive === 'number') && { keep_alive: raw.keep_alive }),
    },
  };
}

/** 32-bit FNV-1a: a stable hash of a feature, spread over the vector. */
function featureHash(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Scaled to length 1 (a zero vector stays zero, as Ollama's normalize leaves it). */
export function normalized(vector: readonly number[]): number[] {
  const length = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return length === 0 ? [...vector] : vector.map((value) => value / length);
}

/** The text's vector: each word and each pair of neighbouring words adds ±1 at its hashed place. */
export function embedText(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const words = text.normalize('NFKC').toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+/gu) ?? [];
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string) => {
    const hash = featureHash(feature);
    const place = hash % dimensions;
    // The top bit picks the sign, so unrelated features cancel out rather than pile up.
    vector[place] = (vector[place] ?? 0) + (hash & 0x80000000 ? -1 : 1);
  };
  words.forEach((word, index) => {
    add(word);
    if (index > 0) add(`${words[index - 1]} ${word}`);
  });
  return normalized(vector);
}

/** What is embedded of a text: all of it, or with `truncate` its first `context` tokens; null when too long and not to be cut. */
export function embeddedTokens(text: string, context: number, truncate: boolean): string[] | null {
  const tokens = tokenize(text);
  if (tokens.length <= context) return tokens;
  return truncate ? tokens.slice(0, context) : null;
}

/** A vector cut to the requested dimensions and normalised again, as Ollama does. */
function withDimensions(vector: number[], dimensions: number | undefined): number[] {
  return dimensions !== undefined && dimensions > 0 && dimensions < vector.length ? normalized(vector.slice(0, dimensions)) : vector;
}

export async function embed(exchange: Exchange, body: unknown, env: EmbedEnvironment): Promise<void> {
  const parsed = parseEmbedRequest(body);
  if (!parsed.ok) return exchange.sendJson(400, errorBody(parsed.error));
  const request = parsed.value;
  const model = env.model(request.model);
  if (!model) return exchange.sendJson(404, errorBody(modelNotFoundMessage(request.model)));
  const keepAlive = keepAliveMs(request.keep_alive);
  let loadMs: number;
  try {
    loadMs = await env.residency.acquire(model.name, keepAlive, exchange.signal);
  } catch (error) {
    if (exchange.signal.aborted) return; // the client left, or the simulator closed, during the load
    throw error;
  }
  try {
    answer(exchange, request, model, loadMs);
  } finally {
    env.residency.release(model.name, keepAlive);
  }
}

/** With the model loaded (Ollama loads it before it finds out it cannot embed). */
function answer(exchange: Exchange, request: EmbedRequestBody, model: SimModel, loadMs: number): void {
  if (request.input.length === 0) return exchange.sendJson(200, { model: request.model, embeddings: [] });
  if (model.embedding !== true) return exchange.sendJson(501, errorBody(EMBEDDING_UNSUPPORTED_MESSAGE));
  const context = model.contextLength ?? DEFAULT_EMBED_CONTEXT;
  const embeddings: number[][] = [];
  let promptTokens = 0;
  for (const text of request.input) {
    const tokens = embeddedTokens(text, context, request.truncate ?? true);
    if (tokens === null) return exchange.sendJson(400, errorBody(INPUT_TOO_LONG_MESSAGE));
    promptTokens += tokens.length;
    embeddings.push(withDimensions(embedText(tokens.join('')), request.dimensions));
  }
  const load = Math.max(1, Math.round(loadMs * 1e6));
  exchange.sendJson(200, {
    model: request.model,
    embeddings,
    total_duration: Math.max(nanosBetween(exchange.record.receivedAt, performance.now()), load),
    load_duration: load,
    prompt_eval_count: promptTokens,
  });
}
