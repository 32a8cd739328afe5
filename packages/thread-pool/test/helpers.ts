// Shared test helpers (run under Node and Deno).
import type { ThreadPool } from "../src/index.ts";

/** The task module every suite uses. */
export const tasksUrl: URL = new URL("./fixtures/tasks.ts", import.meta.url);

/** A fresh shared Int32Array of `length` slots and its buffer. */
export function shared(length = 4): { sab: SharedArrayBuffer; view: Int32Array } {
  const sab = new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT);
  return { sab, view: new Int32Array(sab) };
}

/** Resolves once `view[index]` becomes non-zero (polls; no fixed timing assumption). */
export async function until(view: Int32Array, index: number): Promise<void> {
  while (Atomics.load(view, index) === 0) await new Promise((r) => setTimeout(r, 2));
}

/** Releases a worker blocked in the `hold` fixture. */
export function release(view: Int32Array): void {
  Atomics.store(view, 1, 1);
  Atomics.notify(view, 1);
}

/**
 * Runs `count` short tasks one after another, so the pool's measure of the worker's task time
 * (a moving average measured inside the worker) is short and the worker pipelines. One warm-up
 * task is not enough: the first call in a fresh worker (cold code, or the thread preempted on
 * a loaded machine) can take longer than the 0.5 ms threshold, which made tests flaky.
 */
export async function warmUpShort(pool: ThreadPool, count = 30): Promise<void> {
  for (let i = 0; i < count; i++) await pool.run("add", [i, 0]);
}
