import type { HeaderRow, LocationTable } from "@dmx/geo";
import { readLocations } from "@dmx/geo/files";
import { type Coordinator, type CoordinatorOptions, createCoordinator } from "./_coordinator.ts";
import type { WriteMatrixOptions, WriteMatrixResult } from "./_executors-bridge.ts";
import { checkNotInput, defaultOutputPath, writeMatrix } from "./_executors-bridge.ts";
import { clusterTileValues } from "./_tile-size.ts";

/** Options of {@link submitMatrix}: those of a local `writeMatrix` run, and where Redis is. */
export interface SubmitOptions
  extends Omit<WriteMatrixOptions, "executor" | "threads" | "ioDelayMs">,
    CoordinatorOptions {
  /** Called once connected, with the run id (print it: it is what `--resume` takes). */
  readonly onStart?: ((runId: string) => void) | undefined;
}

/** What {@link submitMatrix} did: the local run summary, plus the cluster's. */
export interface SubmitResult extends WriteMatrixResult {
  readonly runId: string;
  /** Tiles found finished in Redis (with `resume`) and not computed again. */
  readonly resumedTiles: number;
  /** Tiles of the run. */
  readonly tileValues: number;
}

/** About the distances of a run: n x m, or a triangle (the layouts `writeMatrix` picks). */
function runValues(options: SubmitOptions, n: number, m: number | undefined): number {
  if (m !== undefined) return n * m;
  const full = options.format === "matrix" || (options.format === "npy" && options.square);
  return full ? n * n : (n * (n - 1)) / 2;
}

/**
 * Computes a distance matrix on the `dmx worker`s listening on Redis and writes it exactly
 * as a local `writeMatrix` run would (same bytes, temp file + rename, nothing left behind on
 * failure or abort). Tiles are sized for about half a second of one core's work (less for
 * the spherical metrics: at most 4 MB of output each).
 *
 * @example
 * ```ts
 * const result = await submitMatrix({
 *   redis: "redis://127.0.0.1:6379",
 *   input: "places.csv",
 *   output: "out.npy",
 *   format: "npy",
 *   metric: "geodesic",
 * });
 * console.error(`run ${result.runId}: ${result.values} distances`);
 * ```
 * @throws ClusterError (`REDIS_UNAVAILABLE`, `RUN_LOST`, `TILE_FAILED`, `NO_WORKERS`,
 *   `RESUME_MISMATCH`, `BAD_OPTION`), the errors of `writeMatrix`, or the abort reason
 */
export async function submitMatrix(options: SubmitOptions): Promise<SubmitResult> {
  const { signal } = options;
  const output =
    options.output ??
    (typeof options.input === "string"
      ? defaultOutputPath(options.input, options.format)
      : undefined);
  if (typeof output === "string") {
    const inputs = [options.input, options.destinations].filter(
      (x): x is string => typeof x === "string",
    );
    checkNotInput(output, inputs);
  }
  // Connect first: an unreachable Redis or a wrong password fails before the input is read.
  const coordinator: Coordinator = await createCoordinator(options);
  const skippedHeaders: HeaderRow[] = [];
  try {
    const readStart = performance.now();
    const read = {
      header: options.inputHeader,
      onHeader: (h: HeaderRow) => skippedHeaders.push(h),
    };
    const load = (input: string | LocationTable) =>
      typeof input === "string" ? readLocations(input, read) : input;
    const origins = await load(options.input);
    signal?.throwIfAborted();
    const destinations =
      options.destinations === undefined ? undefined : await load(options.destinations);
    const readMs = performance.now() - readStart;
    const tileValues =
      options.tileValues ??
      clusterTileValues({
        metric: options.metric,
        format: options.format,
        dtype: options.dtype,
        values: runValues(options, origins.lat.length, destinations?.lat.length),
      });
    options.onStart?.(coordinator.runId);
    const result = await writeMatrix({
      ...options,
      input: origins,
      destinations,
      output,
      executor: coordinator,
      tileValues,
    });
    return {
      ...result,
      readMs,
      totalMs: result.totalMs + readMs,
      skippedHeaders,
      runId: coordinator.runId,
      resumedTiles: coordinator.resumedTiles,
      tileValues,
    };
  } finally {
    await coordinator.close();
  }
}
