// Tokens are posted to the webview as one message per turn per short interval: one
// postMessage per token would cost a structured clone and a webview task each, while a
// frame-sized batch looks just as live. Turns of a simultaneous round stream at once, their
// tokens interleaved: each turn's tokens are joined apart from the others', in their order.
import type { DebateEvent } from '../../engine/types';
import type { TokenBatch } from '../contract/protocol';
import { Throttle, type Scheduler } from '../scheduler';

export type TokenEvent = Extract<DebateEvent, { type: 'token' }>;

/** About one animation frame at 60 Hz, with room for the webview to paint. */
export const TOKEN_BATCH_MS = 24;

export class TokenBatcher {
  /** What waits, a batch per turn, in the order each turn's first waiting token came. */
  private readonly pending = new Map<string, TokenBatch>();
  private readonly timer: Throttle;

  constructor(
    private readonly emit: (batch: TokenBatch) => void,
    scheduler: Scheduler,
    intervalMs: number = TOKEN_BATCH_MS,
  ) {
    this.timer = new Throttle(() => this.emitPending(), intervalMs, scheduler);
  }

  push(token: TokenEvent): void {
    const waiting = this.pending.get(token.turnId);
    this.pending.set(
      token.turnId,
      waiting === undefined
        ? { type: 'token', turnId: token.turnId, text: token.text, chunks: 1 }
        : { ...waiting, text: waiting.text + token.text, chunks: waiting.chunks + 1 },
    );
    this.timer.request();
  }

  /**
   * Emits what is waiting now, before another event, so the order is kept: every turn's
   * tokens, or only `turnId`'s (its reasoning comes next; the other turns' batches go on filling).
   */
  flush(turnId?: string): void {
    if (turnId === undefined) {
      this.timer.cancel();
      this.emitPending();
      return;
    }
    const waiting = this.pending.get(turnId);
    if (waiting === undefined) return;
    this.pending.delete(turnId);
    if (this.pending.size === 0) this.timer.cancel();
    this.emit(waiting);
  }

  /** Drops what is waiting without emitting it (a snapshot sent instead already holds it). */
  discard(): void {
    this.timer.cancel();
    this.pending.clear();
  }

  private emitPending(): void {
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const batch of batches) this.emit(batch);
  }
}
