import type { KernelOptions, PointArrays } from "@dmx/geo";
import { ExecutorError } from "../_errors.ts";
import { checkThreads, resolveExecutor, tileValuesFor } from "../executors/_create.ts";
import type { Executor, ExecutorName } from "../executors/_executor.ts";
import type { DistanceArray } from "../kernel/_kernel.ts";
import { allocate } from "../kernel/_tile-job.ts";
import type { Dtype } from "../output/_npy.ts";
import type { Layout } from "../plan/_layout.ts";
import { layoutSize, planTiles } from "../plan/_layout.ts";

/** A distance matrix to compute in memory. */
export interface MatrixJob extends KernelOptions {
  /** Origins (or the only set of points). */
  readonly origins: PointArrays;
  /** With destinations: the full origins × destinations rectangle, row-major. */
  readonly destinations?: PointArrays | undefined;
  /** Element type (default `"float64"`). */
  readonly dtype?: Dtype | undefined;
  /** n × n (zero diagonal) instead of the condensed vector (not with destinations). */
  readonly square?: boolean | undefined;
}

/** How {@link computeMatrix} runs a job. */
export interface ComputeMatrixOptions {
  /**
   * Executor name (default `"auto"`: `shared` for large inputs, else `sequential`), or an
   * {@link Executor} you created (reused across calls — workers stay warm — not closed here).
   */
  readonly executor?: ExecutorName | "auto" | Executor | undefined;
  /** Workers for the parallel executors (default: available parallelism). */
  readonly threads?: number | undefined;
  /** Cancels the run. */
  readonly signal?: AbortSignal | undefined;
  /** Values per tile (default: the executor's `tileValues`, else 262,144: a 2 MB float64 tile). */
  readonly tileValues?: number | undefined;
  /**
   * The array to fill, of the job's dtype and exactly the matrix's length (e.g. reused across
   * runs, or a {@link sharedArray} that `shared` fills in place). Default: a new one.
   */
  readonly out?: DistanceArray | undefined;
}

/** @deprecated Use {@link ComputeMatrixOptions}. */
export type RunJobOptions = ComputeMatrixOptions;

/** Default values per tile (2 MB of float64). */
export const DEFAULT_TILE_VALUES = 1 << 18;

/**
 * Default values per tile when worker threads write binary tiles straight into a file
 * (1 MB of float64): small enough that the tile is still in cache when it is copied out.
 */
export const DEFAULT_FILE_TILE_VALUES = 1 << 17;

/** Default values per tile for the text formats (a few MB of text). */
export const DEFAULT_TEXT_TILE_VALUES = 1 << 16;

/** The layout of a matrix job. */
export function jobLayout(job: MatrixJob): Layout {
  return job.destinations ? "rect" : job.square ? "square" : "condensed";
}

/**
 * Computes a whole distance matrix in memory with the chosen executor: the condensed vector
 * in SciPy `pdist` order, or n × n with `square`, or origins × destinations row-major. The
 * array lives on a SharedArrayBuffer when the `shared` executor fills it in place. This is
 * the compute phase that `dmx bench` times.
 *
 * @example
 * ```ts
 * const d = await computeMatrix({ origins: table }, { executor: "shared", threads: 2 });
 * ```
 */
export async function computeMatrix(
  job: MatrixJob,
  options: ComputeMatrixOptions = {},
): Promise<DistanceArray> {
  const layout = jobLayout(job);
  const n = job.origins.lat.length;
  const m = job.destinations?.lat.length ?? n;
  const size = layoutSize(layout, n, m);
  const threads = checkThreads(options.threads);
  const dtype = job.dtype ?? "float64";
  const given = options.out;
  if (given !== undefined) {
    const right =
      dtype === "float32" ? given instanceof Float32Array : given instanceof Float64Array;
    if (!right || given.length !== size) {
      throw new ExecutorError(
        "BAD_OPTION",
        `out must be a ${dtype === "float32" ? "Float32Array" : "Float64Array"} of ${size} values; got ${given.constructor.name} of ${given.length}`,
      );
    }
  }
  const { executor, owned } = await resolveExecutor(options.executor, size, threads);
  const name = executor.name;
  try {
    const out = given ?? (name === "shared" ? sharedArray(dtype, size) : allocate(dtype, size));
    const tiles = planTiles(
      layout,
      n,
      m,
      options.tileValues ??
        executor.tileValues ??
        tileValuesFor(size, name, executor.threads, DEFAULT_TILE_VALUES),
    );
    const kernel = {
      layout,
      origins: job.origins,
      destinations: job.destinations,
      options: kernelOptions(job),
    };
    for await (const result of executor.run({ kernel, dtype }, tiles, {
      signal: options.signal,
      target: out,
    })) {
      if (result.values) out.set(result.values, result.tile.offset);
    }
    return out;
  } finally {
    if (owned) await executor.close();
  }
}

/** The metric options of a job. */
export function kernelOptions(job: KernelOptions): KernelOptions {
  const options: {
    metric?: KernelOptions["metric"];
    unit?: KernelOptions["unit"];
    radius?: number;
  } = {};
  if (job.metric !== undefined) options.metric = job.metric;
  if (job.unit !== undefined) options.unit = job.unit;
  if (job.radius !== undefined) options.radius = job.radius;
  return options;
}

/** A zeroed array of `dtype` over a SharedArrayBuffer. */
export function sharedArray(dtype: Dtype, length: number): DistanceArray {
  return dtype === "float32"
    ? new Float32Array(new SharedArrayBuffer(length * 4))
    : new Float64Array(new SharedArrayBuffer(length * 8));
}
