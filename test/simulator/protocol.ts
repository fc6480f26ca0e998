/**
 * Ollama's REST shapes (docs/api.md of ollama/ollama) as pure builders, so the HTTP layer
 * only decides *when* to send something and these functions decide *what* it looks like.
 */
import { createHash } from 'node:crypto';

export interface ChatMessageBody {
  role: string;
  content: string;
  thinking?: string;
  images?: unknown;
  tool_calls?: unknown;
}

/** The body of POST /api/chat as a client sends it (only the fields the simulator reads are typed). */
export interface ChatRequestBody {
  model: string;
  messages?: ChatMessageBody[];
  stream?: boolean;
  think?: boolean | string;
  format?: unknown;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  tools?: unknown;
}

/** The body of POST /api/generate. */
export interface GenerateRequestBody {
  model: string;
  prompt?: string;
  system?: string;
  stream?: boolean;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
}

export interface SimModel {
  name: string;
  /** Reply text, or a function of the chat request body (messages etc.) returning the text. */
  reply?: string | ((request: ChatRequestBody) => string);
  parameterSize?: string;
  quantization?: string;
  family?: string;
  sizeBytes?: number;
  /** Reported by /api/show as `<family>.context_length` (default 8192). */
  contextLength?: number;
  /**
   * A reasoning model's reasoning (or a function of the request returning it): streamed as
   * `message.thinking` before the reply unless the request sends `think: false`, as Ollama
   * does for a model whose /api/show lists the `thinking` capability (which this adds).
   * Without it, a request with `think` on is refused like Ollama refuses it (400).
   */
  thinking?: string | ((request: ChatRequestBody) => string);
  /**
   * An embedding model (nomic-embed-text, all-minilm…): POST /api/embed answers with vectors,
   * /api/show lists only the `embedding` capability, and chat or generate is refused (400) as
   * Ollama refuses it. Without it, /api/embed answers 501 as Ollama does for a chat model.
   */
  embedding?: boolean;
  /**
   * What /api/show lists as `capabilities`, instead of what `thinking` and `embedding` imply;
   * null leaves the field out, as an Ollama from before capabilities does.
   */
  capabilities?: readonly string[] | null;
}

/** The timing fields of a final chunk, all in nanoseconds as Ollama reports them. */
export interface GenerationStats {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  /** Of prompt_eval_count, the tokens read from the prompt cache (only when the simulator models it). */
  prompt_eval_cached_count?: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
}

export type DoneReason = 'stop' | 'length' | 'load' | 'unload';

/** /api/chat answers with `message`, /api/generate with `response`; otherwise they agree. */
export type ReplyShape = 'chat' | 'generate';

interface ModelDetails {
  parent_model: string;
  format: string;
  family: string;
  families: string[];
  parameter_size: string;
  quantization_level: string;
}

const DEFAULTS = {
  parameterSize: '1B',
  quantization: 'Q4_K_M',
  family: 'llama',
  contextLength: 8192,
} as const;

/** Ollama names without a tag mean ':latest'. */
export function normalizeModelName(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

export function sameModel(a: string, b: string): boolean {
  return normalizeModelName(a) === normalizeModelName(b);
}

export function modelDigest(name: string): string {
  return createHash('sha256').update(normalizeModelName(name)).digest('hex');
}

/** "1.2B" -> 1_200_000_000, "500M" -> 500_000_000; unknown formats -> null. */
export function parameterCount(parameterSize: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([KMBT])$/i.exec(parameterSize.trim());
  if (!match) return null;
  const scale: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  return Math.round(Number(match[1]) * (scale[match[2].toUpperCase()] ?? 1));
}

/** On-disk size: the given one, or what a 4-bit quantised model of that parameter count weighs. */
export function modelSizeBytes(model: SimModel): number {
  if (model.sizeBytes !== undefined) return model.sizeBytes;
  const parameters = parameterCount(model.parameterSize ?? DEFAULTS.parameterSize) ?? 1e9;
  return Math.round(parameters * 0.6);
}

function modelDetails(model: SimModel): ModelDetails {
  const family = model.family ?? DEFAULTS.family;
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    parameter_size: model.parameterSize ?? DEFAULTS.parameterSize,
    quantization_level: model.quantization ?? DEFAULTS.quantization,
  };
}

/** One entry of GET /api/tags. */
export function tagsEntry(model: SimModel, modifiedAt: Date) {
  return {
    name: model.name,
    model: model.name,
    modified_at: modifiedAt.toISOString(),
    size: modelSizeBytes(model),
    digest: modelDigest(model.name),
    details: modelDetails(model),
  };
}

/** One entry of GET /api/ps. */
export function psEntry(model: SimModel, expiresAt: Date) {
  return {
    name: model.name,
    model: model.name,
    size: modelSizeBytes(model),
    digest: modelDigest(model.name),
    details: modelDetails(model),
    expires_at: expiresAt.toISOString(),
    size_vram: modelSizeBytes(model),
    context_length: model.contextLength ?? DEFAULTS.contextLength,
  };
}

/** The body of POST /api/show. */
export function showBody(model: SimModel, modifiedAt: Date) {
  const details = modelDetails(model);
  const family = details.family;
  return {
    license: '',
    modelfile: `# Modelfile generated by "ollama show"\nFROM ${model.name}\n`,
    parameters: 'stop                           "<|eot_id|>"',
    template: '{{ .Prompt }}',
    details,
    model_info: {
      'general.architecture': family,
      'general.parameter_count': parameterCount(details.parameter_size),
      [`${family}.context_length`]: model.contextLength ?? DEFAULTS.contextLength,
    },
    ...(model.capabilities !== null && { capabilities: model.capabilities ?? capabilities(model) }),
    modified_at: modifiedAt.toISOString(),
  };
}

/** What /api/show says a model can do: an embedding model only embeds. */
function capabilities(model: SimModel): string[] {
  if (model.embedding === true) return ['embedding'];
  return model.thinking === undefined ? ['completion'] : ['completion', 'thinking'];
}

/** A chat message; `thinking` only when there is reasoning to send (Ollama leaves the field out otherwise). */
function assistantMessage(content: string, thinking: string) {
  return thinking === '' ? { role: 'assistant', content } : { role: 'assistant', content, thinking };
}

export function chatChunk(model: string, content: string, thinking = '') {
  return {
    model,
    created_at: new Date().toISOString(),
    message: assistantMessage(content, thinking),
    done: false,
  };
}

/** The last /api/chat object: empty content when streamed, the whole reply (and reasoning) when not. */
export function chatFinal(model: string, content: string, doneReason: DoneReason, stats: GenerationStats | null, thinking = '') {
  return {
    model,
    created_at: new Date().toISOString(),
    message: assistantMessage(content, thinking),
    done_reason: doneReason,
    done: true,
    ...stats,
  };
}

export function generateChunk(model: string, response: string, thinking = '') {
  return { model, created_at: new Date().toISOString(), response, ...(thinking !== '' && { thinking }), done: false };
}

export function generateFinal(model: string, response: string, doneReason: DoneReason, stats: GenerationStats | null, thinking = '') {
  return {
    model,
    created_at: new Date().toISOString(),
    response,
    ...(thinking !== '' && { thinking }),
    done: true,
    done_reason: doneReason,
    ...stats,
  };
}

export function replyChunk(shape: ReplyShape, model: string, text: string, thinking = '') {
  return shape === 'chat' ? chatChunk(model, text, thinking) : generateChunk(model, text, thinking);
}

/** The final object; `stats` is null for load/unload answers, which carry no timings. */
export function replyFinal(shape: ReplyShape, model: string, text: string, reason: DoneReason, stats: GenerationStats | null, thinking = '') {
  return shape === 'chat' ? chatFinal(model, text, reason, stats, thinking) : generateFinal(model, text, reason, stats, thinking);
}

/** Whether a request's `think` asks for reasoning: true or a level ("low", "medium", "high"). */
export function asksToThink(think: boolean | string | undefined): boolean {
  return think === true || (typeof think === 'string' && think !== '');
}

/** Ollama's 400 for `think` on a model without the thinking capability. */
export function thinkingUnsupportedMessage(name: string): string {
  return `"${name}" does not support thinking`;
}

/** Ollama's 400 for chat or generate with a model without the completion capability (an embedding model). */
export function completionUnsupportedMessage(name: string, shape: ReplyShape): string {
  return `"${name}" does not support ${shape}`;
}

export function errorBody(message: string) {
  return { error: message };
}

export function modelNotFoundMessage(name: string): string {
  return `model "${name}" not found, try pulling it first`;
}

/** Nanoseconds between two performance.now() readings, never 0 so rates stay finite. */
export function nanosBetween(startMs: number, endMs: number): number {
  return Math.max(1, Math.round((endMs - startMs) * 1e6));
}
