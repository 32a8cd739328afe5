/**
 * A bounded async FIFO queue joining a producer and a consumer: `push` waits while the queue
 * is full (backpressure), iteration waits while it is empty, `close` ends the iteration
 * after the queued items, `fail` ends it with an error on both sides.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  #closed = false;
  #error: unknown;
  #failed = false;
  #wakeConsumer: (() => void) | undefined;
  #wakeProducer: (() => void) | undefined;

  /** @param capacity items held before `push` waits (at least 1) */
  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an item, waiting for room first. Throws if the queue failed or was closed. */
  async push(item: T): Promise<void> {
    if (this.#closed && !this.#failed) throw new Error("push after close");
    while (this.#items.length >= this.#capacity && !this.#failed) {
      await new Promise<void>((resolve) => {
        this.#wakeProducer = resolve;
      });
    }
    if (this.#failed) throw this.#error;
    if (this.#closed) throw new Error("push after close");
    this.#items.push(item);
    this.#wake("consumer");
  }

  /** No more items: the consumer ends after the queued ones. */
  close(): void {
    this.#closed = true;
    this.#wake("consumer");
  }

  /** Ends both sides with `error`. */
  fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#error = error;
    this.#wake("consumer");
    this.#wake("producer");
  }

  #wake(side: "consumer" | "producer"): void {
    const wake = side === "consumer" ? this.#wakeConsumer : this.#wakeProducer;
    if (side === "consumer") this.#wakeConsumer = undefined;
    else this.#wakeProducer = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.#failed) throw this.#error;
      if (this.#items.length > 0) {
        const item = this.#items.shift()!;
        this.#wake("producer");
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#wakeConsumer = resolve;
      });
    }
  }
}
