import { onAbort } from "./_abort.ts";

/**
 * Where simulated time comes from. Everything that waits in `@dmx/device-sim` (device
 * latency, step timeouts, retry backoff) goes through a clock, so tests can swap the
 * {@link realClock} for a {@link VirtualClock} and run a 10-second program instantly.
 */
export interface Clock {
  /** Current time in milliseconds (only differences matter). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. If `signal` aborts first, the timer is cancelled and the
   * promise rejects with `signal.reason` (at once if it is already aborted).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function checkDelay(ms: number): void {
  if (!(Number.isFinite(ms) && ms >= 0)) {
    throw new RangeError(`sleep: ms must be a finite number >= 0, got ${ms}`);
  }
}

/**
 * Wall-clock time: `performance.now()` and `setTimeout`. A cancelled sleep clears its timer
 * and removes its abort listener, so nothing keeps the process alive afterwards.
 */
export const realClock: Clock = Object.freeze({
  now: () => performance.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    checkDelay(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        unsubscribe?.();
        resolve();
      }, ms);
      const unsubscribe =
        signal &&
        onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
    });
  },
});

/** `setImmediate` where it exists (Node, Deno), else `setTimeout(fn, 0)` (browsers). */
const macrotask: (fn: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function"
    ? (fn) => (globalThis as unknown as { setImmediate(fn: () => void): void }).setImmediate(fn)
    : (fn) => setTimeout(fn, 0);

interface VirtualTimer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

function before(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * A deterministic clock for tests. Time starts at 0 and stands still while anything is still
 * running; once every promise chain is waiting (the microtask queue has drained and a
 * macrotask gets its turn), time jumps to the earliest pending sleep and wakes every sleeper
 * due at that instant, in the order they went to sleep. A program of any length therefore
 * finishes in a few real milliseconds, and the times it records are exact.
 *
 * It assumes the code under test waits only on this clock: something awaiting real I/O
 * meanwhile would see virtual time run ahead of it.
 */
export class VirtualClock implements Clock {
  #now = 0;
  #seq = 0;
  #heap: VirtualTimer[] = [];
  #live = 0;
  #scheduled = false;

  /** Virtual milliseconds since the clock was created. */
  now(): number {
    return this.#now;
  }

  /** Sleeps in virtual time (see the class notes for when time advances). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    checkDelay(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: VirtualTimer = {
        at: this.#now + ms,
        seq: this.#seq++,
        cancelled: false,
        fire: () => {
          unsubscribe?.();
          resolve();
        },
      };
      const unsubscribe =
        signal &&
        onAbort(signal, () => {
          timer.cancelled = true;
          this.#live--;
          reject(signal.reason);
        });
      this.#push(timer);
      this.#live++;
      this.#schedule();
    });
  }

  /** How many sleeps are pending (cancelled ones are not counted). */
  get pendingTimers(): number {
    return this.#live;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // A macrotask runs only after every microtask: "everything is waiting".
    macrotask(() => {
      this.#scheduled = false;
      this.#advance();
    });
  }

  #advance(): void {
    this.#dropCancelled();
    const first = this.#heap[0];
    if (!first) return;
    this.#now = first.at;
    while (this.#heap.length > 0 && this.#heap[0]!.at === first.at) {
      const timer = this.#pop();
      if (timer.cancelled) continue;
      this.#live--;
      timer.fire();
    }
    if (this.#live > 0) this.#schedule();
  }

  #dropCancelled(): void {
    while (this.#heap.length > 0 && this.#heap[0]!.cancelled) this.#pop();
  }

  #push(timer: VirtualTimer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): VirtualTimer {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}
