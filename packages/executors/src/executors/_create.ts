import { availableParallelism } from "node:os";
import { MAX_POOL_SIZE } from "@dmx/thread-pool";
import { ExecutorError } from "../_errors.ts";
import { asyncExecutor } from "./_async.ts";
import type { Executor, ExecutorName, ExecutorOptions } from "./_executor.ts";
import { executorNames } from "./_executor.ts";
import { poolExecutor } from "./_pool.ts";
import { processExecutor } from "./_process.ts";
import { sequentialExecutor } from "./_sequential.ts";
import { workerPerTaskExecutor } from "./_worker-per-task.ts";
import { workerpoolExecutor } from "./_workerpool.ts";

/** Largest `threads` accepted: `@dmx/thread-pool`'s `MAX_POOL_SIZE`. */
export const MAX_THREADS = MAX_POOL_SIZE;

/** The machine's available parallelism (at least 1). */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Pairs from which `"auto"` picks `shared` instead of `sequential` for numbers (in memory, npy). */
export const AUTO_SHARED_PAIRS = 200_000;

/**
 * Pairs from which `"auto"` picks `shared` for text output (pairs, matrix, json). Higher:
 * one thread formats ~1,000 places' pairs (500,000 rows) in less time than two worker threads
 * take to start (measured with `dmx compute`, 2 cores: 1,000 places 220 ms sequential vs
 * 288 ms shared; 1,500 places about even; 2,000 places 416 vs 347 ms).
 */
export const AUTO_SHARED_TEXT_PAIRS = 800_000;

/**
 * The executor `"auto"` stands for: `shared` for large inputs (at least
 * {@link AUTO_SHARED_PAIRS} pairs, or {@link AUTO_SHARED_TEXT_PAIRS} when the output is
 * text) when there is more than one thread, else `sequential`.
 */
export function autoExecutor(
  values: number,
  threads: number = defaultThreads(),
  text = false,
): ExecutorName {
  const from = text ? AUTO_SHARED_TEXT_PAIRS : AUTO_SHARED_PAIRS;
  return values >= from && threads > 1 ? "shared" : "sequential";
}

/** Validates a `threads` option (a positive integer up to {@link MAX_THREADS}). */
export function checkThreads(threads: number | undefined): number {
  if (threads === undefined) return defaultThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new ExecutorError(
      "BAD_OPTION",
      `threads must be an integer from 1 to ${MAX_THREADS}; got ${threads}`,
    );
  }
  return threads;
}

/**
 * Creates an executor by name. Worker-based executors start their workers lazily, on the
 * first run; call {@link Executor.close} when done.
 *
 * @throws ExecutorError `BAD_OPTION` for an unknown name or a bad `threads`
 */
export async function createExecutor(
  name: ExecutorName,
  options: ExecutorOptions = {},
): Promise<Executor> {
  const threads = checkThreads(options.threads);
  switch (name) {
    case "sequential":
      return sequentialExecutor();
    case "async":
      return asyncExecutor();
    case "thread-pool":
    case "shared":
      return poolExecutor(name, threads);
    case "worker-per-task":
      return workerPerTaskExecutor(threads);
    case "workerpool":
      return workerpoolExecutor(threads);
    case "process":
      return processExecutor(threads);
    default:
      throw new ExecutorError(
        "BAD_OPTION",
        `executor must be one of ${executorNames.join(", ")}; got ${JSON.stringify(name)}`,
      );
  }
}

/**
 * Values per tile for a run: the default (2 MB of float64) for large outputs, smaller so a
 * parallel executor gets about 8 tiles per worker on small ones (at least 256 values).
 */
export function tileValuesFor(total: number, name: string, threads: number, base: number): number {
  if (name === "sequential" || name === "async") return base;
  return Math.max(256, Math.min(base, Math.ceil(total / (threads * 8))));
}

/**
 * Resolves an `executor` option: an {@link Executor} instance is used as is (and left open:
 * its owner closes it); a name (or `"auto"`, for `values` outputs) creates one to be closed
 * after the run.
 */
export async function resolveExecutor(
  option: ExecutorName | "auto" | Executor | undefined,
  values: number,
  threads: number,
  text = false,
): Promise<{ executor: Executor; owned: boolean }> {
  if (typeof option === "object" && option !== null) return { executor: option, owned: false };
  const name =
    option === undefined || option === "auto" ? autoExecutor(values, threads, text) : option;
  return { executor: await createExecutor(name, { threads }), owned: true };
}
