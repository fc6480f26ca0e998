// What each installed model can do, from Ollama's /api/show `capabilities`, added to a model
// listing so the panel offers thinking only to models that reason. /api/show is asked once per
// host, model and digest (a model pulled again may have changed): the answers are kept for the
// session, an answer without capabilities (an Ollama too old to list them) too, since the
// status bar lists the models every 30 s. A request that fails is unknown (the panel then
// offers every thinking choice) and is not kept, so the next listing asks again.
import type { ModelInfo } from '../../engine/types';
import type { InstalledModel } from '../contract/installed-models';

/** Asks /api/show what a model can do: its capabilities, null when Ollama does not say. Throws when it can't be asked. */
export type ShowCapabilities = (host: string, model: string) => Promise<readonly string[] | null>;

/** The most /api/show requests in flight for one listing: a host with many models is not flooded. */
const MOST_AT_ONCE = 4;

function keyOf(host: string, model: ModelInfo): string {
  return JSON.stringify([host, model.name, model.digest ?? model.modifiedAt ?? '']);
}

export class ModelCapabilities {
  private readonly known = new Map<string, readonly string[] | null>();

  constructor(private readonly show: ShowCapabilities) {}

  /** The models with what each can do (absent where unknown), in their order. */
  async of(host: string, models: readonly ModelInfo[]): Promise<InstalledModel[]> {
    const found: InstalledModel[] = models.map((model) => ({ ...model }));
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let at = next++; at < found.length; at = next++) {
        const model = found[at] as InstalledModel;
        const capabilities = await this.capabilities(host, model);
        if (capabilities !== null) model.capabilities = capabilities;
      }
    };
    await Promise.all(Array.from({ length: Math.min(MOST_AT_ONCE, found.length) }, worker));
    return found;
  }

  private async capabilities(host: string, model: ModelInfo): Promise<readonly string[] | null> {
    const key = keyOf(host, model);
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    try {
      const capabilities = await this.show(host, model.name);
      this.known.set(key, capabilities);
      return capabilities;
    } catch {
      return null;
    }
  }
}
