// The models installed on the configured Ollama host, listed for every panel and for
// the Pull command, and on a speaker's own host when the panel asks: one listing per host
// at a time (panels asking together share it), with a timeout, each model with what it can
// do (model-capabilities.ts), and failures described in words a person can act on. After a
// pull, `refresh()` tells every subscriber (each open panel) what the host has now.
import { normalizeHost } from '../../engine/host-address';
import { withoutPassword } from '../../engine/text-safety';
import type { HostModelListing } from '../contract/installed-models';
import * as l10n from '../contract/l10n';
import type { DebateEngine, EngineAccessor } from '../engine-access';
import { ModelCapabilities } from './model-capabilities';

/** A host that does not answer the listing in this time is reported as not answering. */
export const LIST_MODELS_TIMEOUT_MS = 10_000;

export type ModelListing = HostModelListing;

export type ModelListingListener = (listing: ModelListing) => void;

export class ModelCatalog {
  private readonly inFlight = new Map<string, Promise<ModelListing>>();
  private readonly listeners = new Set<ModelListingListener>();
  private capabilities: ModelCapabilities | null = null;

  constructor(
    private readonly engines: EngineAccessor,
    private readonly timeoutMs: number = LIST_MODELS_TIMEOUT_MS,
  ) {}

  /** Lists the models on the configured host, afresh (a listing already on its way is shared). */
  async list(): Promise<ModelListing> {
    const access = await this.engines();
    if (!access.ok) return { ok: false, host: null, error: access.error };
    return this.listOn(access.host, access.engine);
  }

  /** Lists the models on a speaker's own host, as typed in the panel (a malformed address is said so, not asked). */
  async listHost(typed: string): Promise<ModelListing> {
    const host = normalizeHost(typed);
    if (host === null) {
      const message = l10n.t('"{0}" is not an Ollama address: type a URL like http://gpu-box:11434, or leave it empty for the debate\'s host.', withoutPassword(typed.trim()));
      return { ok: false, host: null, error: { kind: 'invalid-config', field: 'host', message } };
    }
    const access = await this.engines();
    if (!access.ok) return { ok: false, host, error: access.error };
    return this.listOn(host, access.engine);
  }

  private listOn(host: string, engine: DebateEngine): Promise<ModelListing> {
    const pending = this.inFlight.get(host);
    if (pending !== undefined) return pending;
    const capabilities = (this.capabilities ??= new ModelCapabilities(async (on, model) => (await engine.showModel(on, model)).capabilities));
    const listing = (async (): Promise<ModelListing> => {
      try {
        const models = await engine.listModels(host, AbortSignal.timeout(this.timeoutMs));
        return { ok: true, host, models: await capabilities.of(host, models) };
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
