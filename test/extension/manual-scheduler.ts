// A Scheduler whose timers fire only when the test says so.
import type { Scheduler } from '../../extension/scheduler';

export class ManualScheduler implements Scheduler {
  private nextId = 1;
  private readonly pending = new Map<number, () => void>();

  setTimeout(callback: () => void, _delayMs: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, callback);
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.pending.delete(handle);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Fires every timer pending now. */
  runAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, callback] of due) callback();
  }
}
