/**
 * The pool's waiting line. An interface so other policies (priorities, fair sharing) can be
 * plugged in later; {@link FifoTaskQueue} is the one the pool uses.
 */
export interface TaskQueue<T> {
  /** Number of tasks waiting. */
  readonly size: number;
  /** Adds a task at the back. */
  push(task: T): void;
  /** Puts tasks back at the front, keeping their relative order (used after a crash). */
  unshiftAll(tasks: readonly T[]): void;
  /** Removes and returns the task at the front, or `undefined` when empty. */
  shift(): T | undefined;
  /** The task at the front without removing it. */
  peek(): T | undefined;
  /** Removes one task wherever it is; `true` when it was found. */
  remove(task: T): boolean;
  /** Removes every task matching `predicate` and returns them in queue order. */
  removeWhere(predicate: (task: T) => boolean): T[];
}

/**
 * A first-in-first-out queue on a growable array with a moving head: `push` and `shift` are
 * O(1) amortised, `remove` is O(n) (aborts are rare compared with submissions).
 */
export class FifoTaskQueue<T> implements TaskQueue<T> {
  #items: T[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(task: T): void {
    this.#items.push(task);
  }

  unshiftAll(tasks: readonly T[]): void {
    if (tasks.length === 0) return;
    this.#items = [...tasks, ...this.#items.slice(this.#head)];
    this.#head = 0;
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const task = this.#items[this.#head]!;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    // Compact once the consumed prefix dominates, so memory does not grow without bound.
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return task;
  }

  peek(): T | undefined {
    return this.#head < this.#items.length ? this.#items[this.#head] : undefined;
  }

  remove(task: T): boolean {
    const i = this.#items.indexOf(task, this.#head);
    if (i < 0) return false;
    this.#items.splice(i, 1);
    return true;
  }

  removeWhere(predicate: (task: T) => boolean): T[] {
    const removed: T[] = [];
    const kept: T[] = [];
    for (let i = this.#head; i < this.#items.length; i++) {
      const task = this.#items[i]!;
      (predicate(task) ? removed : kept).push(task);
    }
    this.#items = kept;
    this.#head = 0;
    return removed;
  }
}
