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

/** Name of one of this package's executors. */
export type ExecutorName = (typeof executorNames)[number];

/** A computed tile, handed out in tile order. */
export interface TileResult extends TileOutput {
  readonly tile: Tile;
}

/** Options of one {@link Executor.run}. */
export interface ExecutorRunOptions {
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
 * @deprecated Use {@link ExecutorRunOptions} (the name says whose options these are).
 */
export type RunOptions = ExecutorRunOptions;

/**
 * One way of scheduling the tiles of a matrix. Every executor computes each tile with the
 * same kernel code, so all give the same numbers; they differ in where and how the work runs.
 *
 * Other packages may implement it (e.g. a coordinator that hands tiles to other machines):
 * `writeMatrix` and `computeMatrix` drive any `Executor` passed as the `executor` option, and
 * keep the output sink, the order, the temp file and rename, and the formats. A remote worker
 * rebuilds the {@link TileJob} from plain data and computes a tile with `runTile` (one thread)
 * or `computeTile` (split again over a local executor). See ARCHITECTURE.md, "Vocabulary".
 */
export interface Executor {
  /** Which executor this is: one of {@link executorNames}, or any name of another package's. */
  readonly name: ExecutorName | (string & {});
  /** Workers (threads or processes) it uses; 1 for the main-thread executors. */
  readonly threads: number;
  /** Things the user should know about this run (caps, fallbacks), one line each. */
  readonly notes: string[];
  /**
   * Values per tile this executor prefers (e.g. large tiles to amortise a network round
   * trip). When set, `writeMatrix` and `computeMatrix` plan tiles of this size unless the
   * caller passes `tileValues`.
   */
  readonly tileValues?: number | undefined;
  /**
   * Starts the workers now, in the background, so that they are ready when the first tiles
   * come (e.g. while the input is being read). Optional; never required before {@link run}.
   */
  warmUp?(): void;
  /**
   * Computes `tiles` of `job`, yielding the results in tile order with a bounded number of
   * tiles in flight: the next tiles are started only as the consumer pulls results, which is
   * the backpressure that keeps streaming runs in bounded memory. A yielded result's arrays
   * may be reused once the consumer asks for the next one. Exception: with a file target
   * (`job.file`, binary output), tiles are written in place by the workers and the results
   * (progress only) may come in any order.
   */
  run(
    job: TileJob,
    tiles: readonly Tile[],
    options?: ExecutorRunOptions,
  ): AsyncIterable<TileResult>;
  /** Ends the executor's workers (idempotent). */
  close(): Promise<void>;
}

/** Options for {@link createExecutor}. */
export interface ExecutorOptions {
  /** Workers for the parallel executors (default: the machine's available parallelism). */
  readonly threads?: number | undefined;
}
