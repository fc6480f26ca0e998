// A push-to-pull bridge: the graph's nodes push events synchronously, the
// consumer pulls them. Hand-written rather than an async generator because it
// sits on every token's path: a buffered event costs one resolved promise,
// with no generator frames in between.
export class EventChannel<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private head = 0;
  private closed = false;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;

  /** @param onReturn runs when the consumer stops early (break, return, throw). */
  constructor(private readonly onReturn: () => Promise<void> = async () => undefined) {}

  push(event: T): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting !== null) {
      this.waiting = null;
      waiting({ value: event, done: false });
    } else {
      this.buffer.push(event);
    }
  }

  /** No more events; the consumer ends after draining what is buffered. */
  close(): void {
    this.closed = true;
    const waiting = this.waiting;
    if (waiting !== null) {
      this.waiting = null;
      waiting({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.buffer.length) {
      const value = this.buffer[this.head++] as T;
      if (this.head === this.buffer.length) {
        this.buffer = [];
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.buffer = [];
    this.head = 0;
    await this.onReturn();
    this.close();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
