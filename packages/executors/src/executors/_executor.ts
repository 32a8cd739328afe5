import type { TileJob, TileOutput, TileTarget } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";

/** The executors, in the order the workshop teaches them. */
export const executorNames = [
  "sequential",
  "worker-per-task",
  "thread-pool",
  "workerpool",
  "process",
  "async",
  "shared",
] as const;

/** Name of an executor. */
export type ExecutorName = (typeof executorNames)[number];

/** A computed tile, handed out in tile order. */
export interface TileResult extends TileOutput {
  readonly tile: Tile;
}

/** Options of one {@link Executor.run}. */
export interface RunOptions {
  /** Stops the run: pending work is dropped and the iteration throws the abort reason. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Write values in place into this array at each tile's `offset` (the whole matrix in
   * memory). Executors that can share memory (`sequential`, `async`, `shared`) write there
   * directly; the others copy their results in.
   */
  readonly target?: TileTarget["array"] | undefined;
}

/**
 * One way of scheduling the tiles of a matrix. Every executor computes each tile with the
 * same kernel code, so all give the same numbers; they differ in where and how the work runs.
 */
export interface Executor {
  /** Which executor this is. */
  readonly name: ExecutorName;
  /** Workers (threads or processes) it uses; 1 for the main-thread executors. */
  readonly threads: number;
  /** Things the user should know about this run (caps, fallbacks), one line each. */
  readonly notes: string[];
  /**
   * Computes `tiles` of `job`, yielding the results in tile order with a bounded number of
   * tiles in flight: the next tiles are started only as the consumer pulls results, which is
   * the backpressure that keeps streaming runs in bounded memory. A yielded result's arrays
   * may be reused once the consumer asks for the next one. Exception: with a file target
   * (`job.file`, binary output), tiles are written in place by the workers and the results
   * (progress only) may come in any order.
   */
  run(job: TileJob, tiles: readonly Tile[], options?: RunOptions): AsyncIterable<TileResult>;
  /** Ends the executor's workers (idempotent). */
  close(): Promise<void>;
}

/** Options for {@link createExecutor}. */
export interface ExecutorOptions {
  /** Workers for the parallel executors (default: the machine's available parallelism). */
  readonly threads?: number | undefined;
}
