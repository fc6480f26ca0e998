// Loads every model the debate needs, in parallel, before the first turn, so no
// later speaker waits for its model to load, and keeps them loaded for the debate.
// Each call has its own deadline, so a server that accepts the connection and then
// says nothing is reported as exactly that, in seconds, never as "cannot reach".
import { Ollama } from 'ollama';
import { describeOllamaError, EngineError, NoAnswerError, notOllamaError, noAnswerError } from './errors';
import { DEFAULT_FIRST_TOKEN_TIMEOUT_MS, KEEP_ALIVE, OLLAMA_ANSWER_TIMEOUT_MS } from './limits';
import { ollamaFetch } from './ollama-fetch';
import { withoutPassword } from './text-safety';

export interface ModelTarget {
  host: string;
  model: string;
  /**
   * The window (`num_ctx`) the model is loaded with: the one its requests will send, else the first
   * request would load it again. Absent: Ollama's default (a model only the moderator or judge uses).
   */
  contextWindow?: number;
}

/** Each (host, model) pair once, in first-use order. */
export function distinctTargets(targets: readonly ModelTarget[]): ModelTarget[] {
  const seen = new Map<string, ModelTarget>();
  for (const target of targets) {
    const key = `${target.host}\u0000${target.model}`;
    if (!seen.has(key)) seen.set(key, target);
  }
  return [...seen.values()];
}

function isResponseError(error: unknown, status: number): boolean {
  return error instanceof Error && error.name === 'ResponseError' && (error as { status_code?: unknown }).status_code === status;
}

/**
 * Asks each host for its version first: cheap, and it tells "Ollama is not
 * running" apart from "a model is loading" before any load starts (the panel's
 * status line says connecting, then loading). Each host has `answerTimeoutMs` to answer.
 */
export async function connectToHosts(targets: readonly ModelTarget[], signal: AbortSignal, answerTimeoutMs = OLLAMA_ANSWER_TIMEOUT_MS): Promise<void> {
  const hosts = [...new Set(targets.map((target) => target.host))];
  await Promise.all(
    hosts.map(async (host) => {
      let answer: unknown;
      try {
        answer = await new Ollama({ host, fetch: ollamaFetch({ signal, deadlineMs: answerTimeoutMs }) }).version();
      } catch (error) {
        if (signal.aborted) throw error;
        // Every Ollama answers /api/version: a 404 there means something else listens.
        if (isResponseError(error, 404)) throw new EngineError(notOllamaError({ host }, 'GET /api/version answered 404'));
        throw new EngineError(describeOllamaError(error, { host }));
      }
      const version = typeof answer === 'object' && answer !== null ? (answer as { version?: unknown }).version : undefined;
      if (typeof version !== 'string') throw new EngineError(notOllamaError({ host }, 'GET /api/version gave no version'));
    }),
  );
}

/**
 * An empty-prompt /api/generate is Ollama's documented way to load a model. Each load has
 * `loadTimeoutMs` (the first-token timeout: a model load is part of a first token's wait).
 * The first failure (e.g. a missing model) cancels the other loads and is
 * thrown as an EngineError; an abort of `signal` rejects with the abort error.
 */
export async function preloadModels(targets: readonly ModelTarget[], signal: AbortSignal, loadTimeoutMs = DEFAULT_FIRST_TOKEN_TIMEOUT_MS): Promise<void> {
  const cancelOthers = new AbortController();
  const loadSignal = AbortSignal.any([signal, cancelOthers.signal]);
  await Promise.all(
    distinctTargets(targets).map(async (target) => {
      const client = new Ollama({ host: target.host, fetch: ollamaFetch({ signal: loadSignal, deadlineMs: loadTimeoutMs }) });
      try {
        await client.generate({
          model: target.model, prompt: '', keep_alive: KEEP_ALIVE, stream: false,
          ...(target.contextWindow !== undefined && { options: { num_ctx: target.contextWindow } }),
        });
      } catch (error) {
        cancelOthers.abort();
        if (signal.aborted) throw error;
        if (error instanceof NoAnswerError && error.connected) throw new EngineError(loadTimeoutError(target, loadTimeoutMs));
        if (error instanceof NoAnswerError) throw new EngineError(noAnswerError(target, error));
        throw new EngineError(describeOllamaError(error, target));
      }
    }),
  );
}

function loadTimeoutError(target: ModelTarget, timeoutMs: number): import('./types').DebateError {
  return {
    kind: 'first-token-timeout',
    host: withoutPassword(target.host),
    model: target.model,
    message: `Model "${target.model}" did not finish loading on ${withoutPassword(target.host)} within ${Math.round(timeoutMs / 1000)} s: the machine may be short of memory or busy, or the model too large; try a smaller model or raise the first-token timeout.`,
  };
}
