// Adjacent tokens of one turn are posted to the webview as one message per
// short interval: one postMessage per token would cost a structured clone and
// a webview task each, while a frame-sized batch looks just as live.
import type { DebateEvent } from '../../engine/types';
import type { TokenBatch } from '../contract/protocol';
import { Throttle, type Scheduler } from '../scheduler';

export type TokenEvent = Extract<DebateEvent, { type: 'token' }>;

/** About one animation frame at 60 Hz, with room for the webview to paint. */
export const TOKEN_BATCH_MS = 24;

export class TokenBatcher {
  private pending: TokenBatch | null = null;
  private readonly timer: Throttle;

  constructor(
    private readonly emit: (batch: TokenBatch) => void,
    scheduler: Scheduler,
    intervalMs: number = TOKEN_BATCH_MS,
  ) {
    this.timer = new Throttle(() => this.emitPending(), intervalMs, scheduler);
  }

  push(token: TokenEvent): void {
    if (this.pending !== null && this.pending.turnId !== token.turnId) this.flush();
    this.pending =
      this.pending === null
        ? { type: 'token', turnId: token.turnId, text: token.text, chunks: 1 }
        : { ...this.pending, text: this.pending.text + token.text, chunks: this.pending.chunks + 1 };
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
    if (batch !== null) this.emit(batch);
  }
}
