// Adjacent tokens of one turn are posted to the webview as one message per
// short interval: one postMessage per token would cost a structured clone and
// a webview task each, while a frame-sized batch looks just as live.
import type { DebateEvent } from '../engine/types';
import { Debounced, type Scheduler } from './scheduler';

export type TokenEvent = Extract<DebateEvent, { type: 'token' }>;

/** About one animation frame at 60 Hz, with room for the webview to paint. */
export const TOKEN_BATCH_MS = 24;

export class TokenBatcher {
  private pending: TokenEvent | null = null;
  private readonly timer: Debounced;

  constructor(
    private readonly emit: (batch: TokenEvent) => void,
    scheduler: Scheduler,
    intervalMs: number = TOKEN_BATCH_MS,
  ) {
    this.timer = new Debounced(() => this.emitPending(), intervalMs, scheduler);
  }

  push(token: TokenEvent): void {
    if (this.pending !== null && this.pending.turnIndex !== token.turnIndex) this.flush();
    this.pending =
      this.pending === null ? { ...token } : { ...this.pending, text: this.pending.text + token.text };
    this.timer.request();
  }

  /** Emits what is waiting now (before any other event, so the order is kept). */
  flush(): void {
    this.timer.cancel();
    this.emitPending();
  }

  /** Drops what is waiting without emitting it (a snapshot sent instead already holds it). */
  discard(): void {
    this.timer.cancel();
    this.pending = null;
  }

  private emitPending(): void {
    const batch = this.pending;
    this.pending = null;
    if (batch !== null && batch.text !== '') this.emit(batch);
  }
}
