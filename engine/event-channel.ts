// A push-to-pull bridge: the graph's nodes push events synchronously, the
// consumer pulls them. Hand-written rather than an async generator because it
// sits on every token's path: a buffered event costs one resolved promise,
// with no generator frames in between. When the consumer falls behind, an
// optional `coalesce` folds a new event into the last buffered one (adjacent
// token texts), so a slow consumer catches up in fewer steps.
export class EventChannel<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private head = 0;
  private closed = false;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;

  /**
   * @param onReturn runs when the consumer stops early (break, return, throw).
   * @param coalesce folds `next` into the buffered `last`, or returns null to keep both.
   */
  constructor(
    private readonly onReturn: () => Promise<void> = async () => undefined,
    private readonly coalesce: (last: T, next: T) => T | null = () => null,
  ) {}

  push(event: T): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting !== null) {
      this.waiting = null;
      waiting({ value: event, done: false });
    } else {
      const lastIndex = this.buffer.length - 1;
      const merged = lastIndex >= this.head ? this.coalesce(this.buffer[lastIndex] as T, event) : null;
      if (merged === null) this.buffer.push(event);
      else this.buffer[lastIndex] = merged;
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
