// Ollama's REST API beyond chat: models, details, pull, version. Every failure
// is thrown as an EngineError carrying a DebateError a person can act on.
import { Ollama, type ModelResponse, type ShowResponse } from 'ollama';
import { describeOllamaError, EngineError, notOllamaError, type ErrorContext } from './errors';
import { OLLAMA_ANSWER_TIMEOUT_MS } from './limits';
import { ollamaFetch } from './ollama-fetch';
import type { ModelInfo, PullProgress } from './types';

/** A client whose calls each must be answered within `deadlineMs` (none for a pull, which takes minutes). */
function client(host: string, signal: AbortSignal | undefined, deadlineMs: number | null = OLLAMA_ANSWER_TIMEOUT_MS): Ollama {
  return new Ollama({ host, fetch: ollamaFetch({ ...(signal !== undefined && { signal }), ...(deadlineMs !== null && { deadlineMs }) }) });
}

async function call<T>(context: ErrorContext & { phase?: 'request' | 'stream' }, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw error instanceof EngineError ? error : new EngineError(describeOllamaError(error, context));
  }
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function toModelInfo(model: ModelResponse): ModelInfo {
  const modified = model.modified_at as unknown;
  return {
    name: model.name,
    sizeBytes: typeof model.size === 'number' ? model.size : 0,
    parameterSize: textOrNull(model.details?.parameter_size),
    quantization: textOrNull(model.details?.quantization_level),
    family: textOrNull(model.details?.family),
    // ollama-js types it as Date but hands over the JSON string unchanged.
    modifiedAt: modified instanceof Date ? modified.toISOString() : textOrNull(modified),
    ...(textOrNull(model.digest) !== null && { digest: model.digest }),
  };
}

/** Whether /api/tags answered as Ollama does: a list of models, each with a name. */
function isModelList(value: unknown): value is { models: ModelResponse[] } {
  if (typeof value !== 'object' || value === null) return false;
  const models = (value as { models?: unknown }).models;
  return Array.isArray(models) && models.every((model) => typeof model === 'object' && model !== null && typeof (model as { name?: unknown }).name === 'string');
}

export async function listModels(host: string, signal?: AbortSignal): Promise<ModelInfo[]> {
  const response: unknown = await call({ host }, () => client(host, signal).list());
  if (!isModelList(response)) throw new EngineError(notOllamaError({ host }, 'GET /api/tags gave no model list'));
  return response.models.map(toModelInfo);
}

export async function getVersion(host: string): Promise<string> {
  const response: unknown = await call({ host }, () => client(host, undefined).version());
  const version = typeof response === 'object' && response !== null ? (response as { version?: unknown }).version : undefined;
  if (typeof version !== 'string') throw new EngineError(notOllamaError({ host }, 'GET /api/version gave no version'));
  return version;
}

/** Ollama reports the window as "<family>.context_length" in model_info. */
export function contextLengthOf(show: Pick<ShowResponse, 'model_info'>): number | null {
  const info = show.model_info as unknown;
  const entries = info instanceof Map ? [...info.entries()] : typeof info === 'object' && info !== null ? Object.entries(info) : [];
  const found = entries.find(([key, value]) => String(key).endsWith('.context_length') && typeof value === 'number');
  return found === undefined ? null : (found[1] as number);
}

export async function showModel(
  host: string,
  model: string,
): Promise<{ parameterSize: string | null; quantization: string | null; family: string | null; contextLength: number | null; capabilities: string[] | null }> {
  const show = await call({ host, model }, () => client(host, undefined).show({ model }));
  return {
    parameterSize: textOrNull(show.details?.parameter_size),
    quantization: textOrNull(show.details?.quantization_level),
    family: textOrNull(show.details?.family),
    contextLength: contextLengthOf(show),
    capabilities: capabilitiesOf(show),
  };
}

/** What the model can do ("completion", "thinking", "tools"…) as /api/show lists it; null from an Ollama too old to say. */
export function capabilitiesOf(show: unknown): string[] | null {
  const listed = typeof show === 'object' && show !== null ? (show as { capabilities?: unknown }).capabilities : undefined;
  return Array.isArray(listed) ? listed.filter((capability): capability is string => typeof capability === 'string') : null;
}

/** A model name as Ollama matches it: a name without a tag means ":latest". */
export function modelKey(name: string): string {
  const trimmed = name.trim();
  return /:[^/]+$/.test(trimmed) ? trimmed : `${trimmed}:latest`;
}

/**
 * The window each loaded model runs with, from GET /api/ps (`context_length`, which Ollama
 * reports since 0.6; an older one reports none), by modelKey.
 */
export async function loadedContextWindows(host: string, signal?: AbortSignal): Promise<Map<string, number>> {
  const response: unknown = await call({ host }, () => client(host, signal).ps());
  const models = typeof response === 'object' && response !== null ? (response as { models?: unknown }).models : undefined;
  const windows = new Map<string, number>();
  if (!Array.isArray(models)) return windows;
  for (const entry of models as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, context_length: window } = entry as { name?: unknown; context_length?: unknown };
    if (typeof name === 'string' && typeof window === 'number' && Number.isInteger(window) && window > 0) windows.set(modelKey(name), window);
  }
  return windows;
}

export function toPullProgress(status: string, completed: unknown, total: unknown): PullProgress {
  const totalBytes = typeof total === 'number' && total > 0 ? total : null;
  const completedBytes = typeof completed === 'number' && completed >= 0 ? completed : null;
  const fraction = totalBytes !== null && completedBytes !== null ? Math.min(1, completedBytes / totalBytes) : null;
  return { status, fraction, completedBytes, totalBytes };
}

export async function pullModel(host: string, model: string, onProgress: (p: PullProgress) => void, signal?: AbortSignal): Promise<void> {
  // Pull failures arrive as {"error": ...} lines in the progress stream.
  await call({ host, model, phase: 'stream' }, async () => {
    const stream = await client(host, signal, null).pull({ model, stream: true });
    for await (const update of stream) onProgress(toPullProgress(update.status, update.completed, update.total));
  });
}
