/**
 * Which models are "in memory", as GET /api/ps reports them. A model that is not loaded
 * takes the load delay before its first token; concurrent requests share one load, as
 * Ollama's scheduler does. A model stays loaded while in use and for its keep_alive after.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { normalizeModelName } from './protocol';

interface Residency {
  name: string;
  inUse: number;
  /** performance.now() after which the model is unloaded (Infinity: never). */
  expiresAt: number;
}

export interface LoadedModel {
  name: string;
  expiresAt: number;
}

export class ModelResidency {
  private readonly resident = new Map<string, Residency>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly loadDelayMs: () => number,
    /** Aborted when the simulator closes: pending loads stop. */
    private readonly shutdown: AbortSignal,
    /** Called when a model leaves memory (unloaded, or found expired at its next use): its prompt cache goes too. */
    private readonly onLeave: (name: string) => void = () => undefined,
  ) {}

  isLoaded(name: string): boolean {
    const entry = this.resident.get(normalizeModelName(name));
    return entry !== undefined && isAlive(entry, performance.now());
  }

  loaded(): LoadedModel[] {
    const now = performance.now();
    const alive: LoadedModel[] = [];
    for (const [key, entry] of this.resident) {
      if (isAlive(entry, now)) alive.push({ name: entry.name, expiresAt: entry.expiresAt });
      else this.resident.delete(key);
    }
    return alive;
  }

  /**
   * Waits until the model is loaded (starting or joining a load) and marks it in use.
   * Returns the milliseconds this request spent waiting for the load. Rejects if `signal` aborts.
   */
  async acquire(name: string, keepAliveMs: number, signal: AbortSignal): Promise<number> {
    const start = performance.now();
    if (!this.isLoaded(name)) {
      this.onLeave(name);
      await abortable(this.load(name), signal);
    }
    const key = normalizeModelName(name);
    const entry = this.resident.get(key) ?? { name, inUse: 0, expiresAt: 0 };
    entry.inUse += 1;
    entry.expiresAt = performance.now() + keepAliveMs;
    this.resident.set(key, entry);
    return performance.now() - start;
  }

  /** The request is done with the model: it stays loaded for keepAliveMs (0 unloads it now). */
  release(name: string, keepAliveMs: number): void {
    const entry = this.resident.get(normalizeModelName(name));
    if (!entry) return;
    entry.inUse = Math.max(0, entry.inUse - 1);
    entry.expiresAt = performance.now() + keepAliveMs;
    if (keepAliveMs <= 0 && entry.inUse === 0) this.unload(name);
  }

  unload(name: string): void {
    this.resident.delete(normalizeModelName(name));
    this.onLeave(name);
  }

  private load(name: string): Promise<void> {
    const key = normalizeModelName(name);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = sleep(this.loadDelayMs(), undefined, { signal: this.shutdown }).finally(() => {
        this.loading.delete(key);
      });
      // Callers observe failures through abortable(); this stops an unobserved rejection on close().
      pending.catch(() => undefined);
      this.loading.set(key, pending);
    }
    return pending;
  }
}

function isAlive(entry: Residency, now: number): boolean {
  return entry.inUse > 0 || entry.expiresAt > now;
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
