// Whether Ollama answers and has a model, for the walkthrough's steps (they complete on
// context keys). Checked now, then again and again until both hold, so the "Install Ollama"
// and "Pull a model" steps tick themselves once the server answers and once a model is in.
// No VS Code import: the context keys are set by whoever publishes (register.ts).
import type { ModelListing, ModelListingListener } from '../models/model-catalog';
import type { Scheduler } from '../scheduler';

export interface OllamaReadiness {
  /** The configured host answered the model listing as Ollama does. */
  reachable: boolean;
  /** ... and lists at least one installed model. */
  hasModels: boolean;
}

export function readinessOf(listing: ModelListing): OllamaReadiness {
  return { reachable: listing.ok, hasModels: listing.ok && listing.models.length > 0 };
}

export function isReady(readiness: OllamaReadiness): boolean {
  return readiness.reachable && readiness.hasModels;
}

/** Checks come quickly while someone is likely installing (the first minutes), then rarely. */
export const FAST_CHECK_INTERVAL_MS = 3_000;
export const SLOW_CHECK_INTERVAL_MS = 60_000;
export const FAST_CHECKS_FOR_MS = 10 * 60_000;

/** How long to wait before the next check, `elapsedMs` after the watch (re)started. */
export function nextCheckDelay(elapsedMs: number): number {
  return elapsedMs < FAST_CHECKS_FOR_MS ? FAST_CHECK_INTERVAL_MS : SLOW_CHECK_INTERVAL_MS;
}

export interface ReadinessWatchOptions {
  /** Lists the configured host's models (ModelCatalog.list). */
  list(): Promise<ModelListing>;
  /** Listings made for other reasons, e.g. after a pull (ModelCatalog.subscribe); returns the unsubscribe. */
  subscribe(listener: ModelListingListener): () => void;
  /** Called with the first readiness and each change. */
  publish(readiness: OllamaReadiness): void;
  scheduler: Scheduler;
  now?: () => number;
}

export class OllamaReadinessWatch {
  private published: OllamaReadiness | null = null;
  private inFlight: Promise<OllamaReadiness> | null = null;
  private timer: unknown = null;
  private startedAt = 0;
  private disposed = false;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(private readonly options: ReadinessWatchOptions) {
    this.now = options.now ?? Date.now;
    this.unsubscribe = options.subscribe((listing) => this.take(readinessOf(listing)));
  }

  /** The last readiness published, or null before the first check ended. */
  get current(): OllamaReadiness | null {
    return this.published;
  }

  /**
   * Checks now (joining a check on its way) and keeps checking until Ollama answers with a
   * model, quickly at first (the clock restarts with each call). Resolves with this check's answer.
   */
  watch(): Promise<OllamaReadiness> {
    this.startedAt = this.now();
    this.cancelTimer();
    return this.check();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.unsubscribe();
  }

  private check(): Promise<OllamaReadiness> {
    this.inFlight ??= this.options
      .list()
      .then((listing) => {
        const readiness = readinessOf(listing);
        this.take(readiness);
        return readiness;
      })
      .finally(() => {
        this.inFlight = null;
        this.scheduleNext();
      });
    return this.inFlight;
  }

  private take(readiness: OllamaReadiness): void {
    if (this.disposed) return;
    const changed = this.published === null || this.published.reachable !== readiness.reachable || this.published.hasModels !== readiness.hasModels;
    this.published = readiness;
    if (changed) this.options.publish(readiness);
    if (isReady(readiness)) this.cancelTimer();
  }

  private scheduleNext(): void {
    if (this.disposed || this.timer !== null || (this.published !== null && isReady(this.published))) return;
    this.timer = this.options.scheduler.setTimeout(() => {
      this.timer = null;
      void this.check();
    }, nextCheckDelay(this.now() - this.startedAt));
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.options.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }
}
