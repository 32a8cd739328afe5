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
 * Pool options that make every task count as short (`pipelineBelowMs: Infinity`), so whether a
 * worker pipelines never depends on how fast this machine runs a task.
 */
export const ALWAYS_SHORT = { pipelineBelowMs: Number.POSITIVE_INFINITY } as const;

/**
 * Runs one task in each of the pool's `workers` workers: a worker pipelines only once it has
 * answered a task (before that it holds one). Use with {@link ALWAYS_SHORT}.
 */
export async function warmUp(pool: ThreadPool, workers = 1): Promise<void> {
  await Promise.all(Array.from({ length: workers }, (_, i) => pool.run("add", [i, 0])));
}
