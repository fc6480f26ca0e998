// A minimal push-to-pull bridge: the graph's nodes push events synchronously
// (one array push per token, no per-token promise), the consumer drains them in batches.
export class EventChannel<T> implements AsyncIterable<T> {
  private buffer: T[] = [];
  private closed = false;
  private wake: (() => void) | null = null;

  push(event: T): void {
    if (this.closed) return;
    this.buffer.push(event);
    this.notify();
  }

  /** No more events; the consumer ends after draining what is buffered. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    if (wake !== null) {
      this.wake = null;
      wake();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.buffer.length > 0) {
        const batch = this.buffer;
        this.buffer = [];
        yield* batch;
      } else if (this.closed) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    }
  }
}
