// The repetition stop condition by meaning: a speaker's new reply and its earlier complete
// replies (the same ones engine/repetition.ts compares) are embedded in one POST /api/embed,
// and the most similar earlier reply at or above the threshold (cosine similarity) is reported.
// Catches a loop the model rewords, which word n-grams miss; costs one embedding call a turn.
import { Ollama } from 'ollama';
import { describeOllamaError, EngineError, notOllamaError, type ErrorContext } from './errors';
import { DEFAULT_FIRST_TOKEN_TIMEOUT_MS, KEEP_ALIVE, OLLAMA_ANSWER_TIMEOUT_MS } from './limits';
import { ollamaFetch } from './ollama-fetch';
import { DEFAULT_REPETITION_RULE, isJudgedReply, ownEarlierReplies, percent } from './repetition';
import { withoutPassword } from './text-safety';
import type { DebateError, RepetitionRule, SpeakerTurn, Turn } from './types';

/**
 * Cosine similarity from which a reply counts as said again. With general-purpose embedding
 * models (nomic-embed-text, all-minilm, mxbai-embed-large) two different replies on one debate
 * topic typically score 0.6-0.85 (they share the subject), a paraphrase of one argument up to
 * about 0.9, a restatement with a few words changed above 0.95. 0.92 is set above the first two,
 * so staying on topic or rephrasing a point once does not end a debate, while going round in
 * circles does. A person who wants paraphrases caught too sets a lower threshold.
 */
export const DEFAULT_EMBEDDING_THRESHOLD = 0.92;
/**
 * Most characters of a reply sent to be embedded: about 4,000 tokens, more than the context of
 * the usual embedding models (Ollama cuts each text to it anyway), so a runaway reply of a
 * million characters is not sent whole on every turn.
 */
export const MAX_EMBEDDED_CHARS = 16_000;
/** The call may include loading the embedding model from disk: as long as a speaker's first token may take. */
export const DEFAULT_EMBED_DEADLINE_MS = DEFAULT_FIRST_TOKEN_TIMEOUT_MS;

export type EmbeddingRepetitionRule = RepetitionRule & { embedModel: string };

export interface EmbeddingRepetition {
  /** The speaker's earlier reply the new one is most similar to. */
  earlierTurnId: string;
  /** Cosine similarity of the two replies' embeddings (at most 1). */
  similarity: number;
}

export interface EmbeddingIo {
  /** The Ollama host serving the embedding model. */
  host: string;
  /** Aborting it ends the call at once; the promise then rejects with the abort error. */
  signal?: AbortSignal;
  /** The whole call, model load included (default: DEFAULT_EMBED_DEADLINE_MS to embed, OLLAMA_ANSWER_TIMEOUT_MS to check a model). */
  deadlineMs?: number;
}

/** The rule for comparing by embeddings with `embedModel` (n-gram length kept for the too-short check). */
export function embeddingRepetitionRule(embedModel: string, threshold = DEFAULT_EMBEDDING_THRESHOLD): EmbeddingRepetitionRule {
  return { threshold, ngram: DEFAULT_REPETITION_RULE.ngram, embedModel };
}

/** Cosine similarity of two vectors of one length: 1 same direction, 0 unrelated, -1 opposite; 0 when either is all zeros. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`vectors of ${a.length} and ${b.length} dimensions`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  // Rounding can carry an identical pair a hair past 1.
  return Math.min(1, dot / Math.sqrt(normA * normB));
}

/** The earlier reply most similar to `reply` at or above `threshold` (the first of equals), or null. */
export function mostSimilar(
  reply: readonly number[],
  earlier: readonly { turnId: string; vector: readonly number[] }[],
  threshold: number,
): EmbeddingRepetition | null {
  let best: EmbeddingRepetition | null = null;
  for (const { turnId, vector } of earlier) {
    const similarity = cosineSimilarity(reply, vector);
    if (similarity >= threshold && (best === null || similarity > best.similarity)) best = { earlierTurnId: turnId, similarity };
  }
  return best;
}

/** A text cut to MAX_EMBEDDED_CHARS, never between the two halves of a surrogate pair. */
function embeddedText(text: string): string {
  if (text.length <= MAX_EMBEDDED_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_EMBEDDED_CHARS - 1)) ? MAX_EMBEDDED_CHARS - 1 : MAX_EMBEDDED_CHARS;
  return text.slice(0, end);
}

/** The body of POST /api/embed: every text in one call; Ollama cuts a text longer than the model's context. */
export function embedRequestBody(model: string, texts: readonly string[]) {
  return { model, input: texts.map(embeddedText), truncate: true, keep_alive: KEEP_ALIVE };
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number' && Number.isFinite(item));
}

/** The `count` vectors of an /api/embed answer, all of one length; null when the answer is not that. */
export function readEmbeddings(response: unknown, count: number): number[][] | null {
  const embeddings = typeof response === 'object' && response !== null ? (response as { embeddings?: unknown }).embeddings : undefined;
  if (!Array.isArray(embeddings) || embeddings.length !== count || !embeddings.every(isVector)) return null;
  const dimensions = embeddings[0]?.length;
  return embeddings.every((vector) => vector.length === dimensions) ? embeddings : null;
}

/** The note a debate stopped for repetition by embeddings records, worded as repetitionNote's. */
export function embeddingRepetitionNote(turn: Pick<SpeakerTurn, 'speaker' | 'exchange'>, earlier: Pick<SpeakerTurn, 'exchange'>, similarity: number): string {
  return `${turn.speaker} repeated their reply from exchange ${earlier.exchange} in exchange ${turn.exchange} (${percent(similarity)}% similar in meaning).`;
}

/** The debate's setting that names the embedding model (as engine/validate.ts names it). */
const EMBED_MODEL_FIELD = 'stopOn.repetition.embedModel';

/** The model answers, but is not an embedding model (a chat model, say). */
export function notAnEmbeddingModelError(context: { host: string; model: string }): DebateError {
  return {
    kind: 'invalid-config',
    field: EMBED_MODEL_FIELD,
    host: withoutPassword(context.host),
    model: context.model,
    message: `"${context.model}" on ${withoutPassword(context.host)} is not an embedding model, so it cannot check for repetition: choose one, e.g. nomic-embed-text (\`ollama pull nomic-embed-text\`).`,
  };
}

/** A failed call about the embedding model in words that say what to do about it. */
function embedFailure(error: unknown, context: ErrorContext & { model: string }): DebateError {
  const detail = describeOllamaError(error, context);
  if (detail.kind === 'model-missing') {
    return { ...detail, message: `The embedding model "${context.model}" for the repetition check is not installed on ${withoutPassword(context.host)}: run \`ollama pull ${context.model}\`.` };
  }
  // Ollama answers 501 "this model does not support embeddings" for a chat model.
  if (detail.kind === 'http' && (detail.status === 501 || /does not support embeddings/i.test(detail.message))) return notAnEmbeddingModelError(context);
  return detail;
}

function clientFor(io: EmbeddingIo, defaultDeadlineMs: number): Ollama {
  return new Ollama({
    host: io.host,
    fetch: ollamaFetch({ deadlineMs: io.deadlineMs ?? defaultDeadlineMs, ...(io.signal !== undefined && { signal: io.signal }) }),
  });
}

/**
 * Before a debate runs: whether `model` is installed on the host and is an embedding model (its
 * /api/show `capabilities` list `embedding`; an Ollama too old to list capabilities is trusted).
 * Rejects with an EngineError saying what to do; an abort rejects with the abort error.
 * (Loading it with an empty /api/generate, as speakers' models are, fails: Ollama refuses
 * generate for an embedding model.)
 */
export async function checkEmbeddingModel(model: string, io: EmbeddingIo): Promise<void> {
  const context = { host: io.host, model };
  let shown: unknown;
  try {
    shown = await clientFor(io, OLLAMA_ANSWER_TIMEOUT_MS).show({ model });
  } catch (error) {
    if (io.signal?.aborted) throw error;
    throw new EngineError(embedFailure(error, context));
  }
  const capabilities = typeof shown === 'object' && shown !== null ? (shown as { capabilities?: unknown }).capabilities : undefined;
  if (Array.isArray(capabilities) && !capabilities.includes('embedding')) throw new EngineError(notAnEmbeddingModelError(context));
}

async function embedTexts(texts: readonly string[], model: string, io: EmbeddingIo): Promise<number[][]> {
  const context = { host: io.host, model };
  let response: unknown;
  try {
    response = await clientFor(io, DEFAULT_EMBED_DEADLINE_MS).embed(embedRequestBody(model, texts));
  } catch (error) {
    if (io.signal?.aborted) throw error;
    throw new EngineError(embedFailure(error, context));
  }
  const vectors = readEmbeddings(response, texts.length);
  if (vectors === null) throw new EngineError(notOllamaError(context, `POST /api/embed did not give ${texts.length} embeddings`));
  return vectors;
}

/**
 * Whether `turn` says again, in meaning, one of its speaker's earlier complete replies in
 * `turns` (the turn itself is skipped if there): the most similar at or above `rule.threshold`,
 * or null. No call is made when the reply is not judged (incomplete or too short) or the speaker
 * has no earlier reply. Ollama's failures reject as EngineError.
 */
export async function findEmbeddingRepetition(
  turn: SpeakerTurn,
  turns: readonly Turn[],
  rule: EmbeddingRepetitionRule,
  io: EmbeddingIo,
): Promise<EmbeddingRepetition | null> {
  if (!isJudgedReply(turn, rule.ngram)) return null;
  const earlier = ownEarlierReplies(turn, turns);
  if (earlier.length === 0) return null;
  const [reply, ...vectors] = await embedTexts([turn.text, ...earlier.map((candidate) => candidate.text)], rule.embedModel, io);
  if (reply === undefined) return null;
  return mostSimilar(
    reply,
    earlier.map((candidate, index) => ({ turnId: candidate.id, vector: vectors[index] ?? [] })),
    rule.threshold,
  );
}
