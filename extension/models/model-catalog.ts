// The models installed on the configured Ollama host, listed for every panel and for
// the Pull command: one listing per host at a time (panels asking together share it),
// with a timeout, and failures described in words a person can act on. After a pull,
// `refresh()` tells every subscriber (each open panel) what the host has now.
import type { DebateError, ModelInfo } from '../../engine/types';
import type { EngineAccessor } from '../engine-access';

/** A host that does not answer the listing in this time is reported as not answering. */
export const LIST_MODELS_TIMEOUT_MS = 10_000;

export type ModelListing =
  | { ok: true; host: string; models: ModelInfo[] }
  /** `host` is null when no host could be resolved or the engine did not load. */
  | { ok: false; host: string | null; error: DebateError };

export type ModelListingListener = (listing: ModelListing) => void;

export class ModelCatalog {
  private readonly inFlight = new Map<string, Promise<ModelListing>>();
  private readonly listeners = new Set<ModelListingListener>();

  constructor(
    private readonly engines: EngineAccessor,
    private readonly timeoutMs: number = LIST_MODELS_TIMEOUT_MS,
  ) {}

  /** Lists the models on the configured host, afresh (a listing already on its way is shared). */
  async list(): Promise<ModelListing> {
    const access = await this.engines();
    if (!access.ok) return { ok: false, host: null, error: access.error };
    const { host, engine } = access;
    const pending = this.inFlight.get(host);
    if (pending !== undefined) return pending;
    const listing = (async (): Promise<ModelListing> => {
      try {
        return { ok: true, host, models: await engine.listModels(host, AbortSignal.timeout(this.timeoutMs)) };
      } catch (error) {
        return { ok: false, host, error: engine.describeOllamaError(error, { host }) };
      }
    })().finally(() => this.inFlight.delete(host));
    this.inFlight.set(host, listing);
    return listing;
  }

  /** The host's models changed (a pull finished): lists them and tells every subscriber. */
  async refresh(): Promise<ModelListing> {
    const listing = await this.list();
    for (const listener of [...this.listeners]) listener(listing);
    return listing;
  }

  /** Calls `listener` with every listing `refresh()` makes; returns the unsubscribe function. */
  subscribe(listener: ModelListingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
