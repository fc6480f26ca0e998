// Timers behind an interface, so tests can decide when a deferred flush happens.
export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A throttle: `request()` runs `action` once `delayMs` after the first request of a
 * window (later requests in that window join it), so it runs at most once per
 * `delayMs` however often it is requested; `now()` runs it at once.
 */
export class Throttle {
  private handle: unknown = null;

  constructor(
    private readonly action: () => void,
    private readonly delayMs: number,
    private readonly scheduler: Scheduler,
  ) {}

  request(): void {
    if (this.handle !== null) return;
    this.handle = this.scheduler.setTimeout(() => {
      this.handle = null;
      this.action();
    }, this.delayMs);
  }

  now(): void {
    this.cancel();
    this.action();
  }

  cancel(): void {
    if (this.handle === null) return;
    this.scheduler.clearTimeout(this.handle);
    this.handle = null;
  }
}
