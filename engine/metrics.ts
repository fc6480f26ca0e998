// Turn metrics from Ollama's own timing fields (nanoseconds) plus what the engine measured.
import type { TurnMetrics } from './types';

/** The fields of Ollama's final `done` chunk that the metrics use. */
export interface OllamaTimings {
  eval_count?: number;
  eval_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  /** Of prompt_eval_count, the tokens Ollama took from its prompt cache (sent by newer versions). */
  prompt_eval_cached_count?: number;
}

export interface MeasuredTurn {
  startedAt: number;
  firstTokenAt: number | null;
  endedAt: number;
  /** Content chunks received: the token count when Ollama sent no final chunk (stopped, dropped). */
  chunks: number;
}

const NS_PER_MS = 1e6;
const NS_PER_S = 1e9;

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Reads the timing fields out of a chunk's response_metadata, ignoring anything malformed. */
export function readTimings(metadata: Record<string, unknown> | undefined): OllamaTimings | null {
  if (metadata === undefined || metadata.done !== true) return null;
  const timings: OllamaTimings = {};
  for (const key of ['eval_count', 'eval_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_cached_count'] as const) {
    const value = finite(metadata[key]);
    if (value !== null) timings[key] = value;
  }
  return timings;
}

/** `contextWindow`: the num_ctx the request was sent with, when the engine chose one. */
export function turnMetrics(measured: MeasuredTurn, timings: OllamaTimings | null, contextWindow?: number): TurnMetrics {
  const cached = finite(timings?.prompt_eval_cached_count);
  const evalCount = finite(timings?.eval_count);
  const evalDuration = finite(timings?.eval_duration);
  const loadDuration = finite(timings?.load_duration);
  return {
    timeToFirstTokenMs: measured.firstTokenAt === null ? null : measured.firstTokenAt - measured.startedAt,
    durationMs: measured.endedAt - measured.startedAt,
    tokens: evalCount ?? measured.chunks,
    tokensPerSecond: evalCount !== null && evalDuration !== null && evalDuration > 0 ? evalCount / (evalDuration / NS_PER_S) : null,
    loadDurationMs: loadDuration === null ? null : loadDuration / NS_PER_MS,
    promptTokens: finite(timings?.prompt_eval_count),
    ...(cached !== null && { cachedPromptTokens: cached }),
    ...(contextWindow !== undefined && { contextWindow }),
  };
}
