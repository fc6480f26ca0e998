// Loads every model the debate needs, in parallel, before the first turn, so no
// later speaker waits for its model to load, and keeps them loaded for the debate.
import { Ollama } from 'ollama';
import { fetchBoundTo } from './abortable-fetch';
import { describeOllamaError, EngineError } from './errors';
import { KEEP_ALIVE } from './limits';

export interface ModelTarget {
  host: string;
  model: string;
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

/**
 * Asks each host for its version first: cheap, and it tells "Ollama is not
 * running" apart from "a model is loading" before any load starts (the panel's
 * status line says connecting, then loading).
 */
export async function connectToHosts(targets: readonly ModelTarget[], signal: AbortSignal): Promise<void> {
  const hosts = [...new Set(targets.map((target) => target.host))];
  await Promise.all(
    hosts.map(async (host) => {
      try {
        await new Ollama({ host, fetch: fetchBoundTo(signal) }).version();
      } catch (error) {
        if (signal.aborted) throw error;
        throw new EngineError(describeOllamaError(error, { host }));
      }
    }),
  );
}

/**
 * An empty-prompt /api/generate is Ollama's documented way to load a model.
 * The first failure (e.g. a missing model) cancels the other loads and is
 * thrown as an EngineError; an abort of `signal` rejects with the abort error.
 */
export async function preloadModels(targets: readonly ModelTarget[], signal: AbortSignal): Promise<void> {
  const cancelOthers = new AbortController();
  const loadSignal = AbortSignal.any([signal, cancelOthers.signal]);
  await Promise.all(
    distinctTargets(targets).map(async (target) => {
      const client = new Ollama({ host: target.host, fetch: fetchBoundTo(loadSignal) });
      try {
        await client.generate({ model: target.model, prompt: '', keep_alive: KEEP_ALIVE, stream: false });
      } catch (error) {
        cancelOthers.abort();
        if (signal.aborted) throw error;
        throw new EngineError(describeOllamaError(error, target));
      }
    }),
  );
}
