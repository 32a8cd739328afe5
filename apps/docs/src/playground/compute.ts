// The playground's computation, free of DOM code so it runs (and is tested) in Node too.
import { planTiles } from "@dmx/executors/plan";
import { condensedIndex, type LocationTable, type MetricName, pdist } from "@dmx/geo";
import type { ThreadPool } from "@dmx/thread-pool";
import { type distanceRows, rowOffset } from "./tasks.ts";

/** The workshop's three cities, as a CSV a user could paste. */
export const SAMPLE_CSV = `name,latitude,longitude
ann arbor,42.279594,-83.732124
pleasant grove,40.364118,-111.738540
boston,42.360081,-71.058884
`;

/** A computed matrix: condensed distances (SciPy order), in km, and how long it took. */
export interface MatrixResult {
  readonly names: readonly string[];
  readonly distances: Float64Array;
  readonly ms: number;
  readonly mode: "main" | "workers";
}

/**
 * Splits rows `[0, n-1)` into at most `parts` tiles of similar pair counts, with the tile
 * planner the executors use (`@dmx/executors/plan`, browser-safe).
 */
export function rowTiles(n: number, parts: number): [number, number][] {
  const total = rowOffset(n, Math.max(0, n - 1));
  const target = Math.max(1, Math.ceil(total / Math.max(1, parts)));
  return planTiles("condensed", n, n, target).map((t) => [t.rowStart, t.rowEnd]);
}

/** All pairs on the calling thread with `pdist`. */
export function computeOnMainThread(table: LocationTable, metric: MetricName): MatrixResult {
  const start = performance.now();
  const distances = pdist(table, { metric }) as Float64Array;
  return { names: table.names, distances, ms: performance.now() - start, mode: "main" };
}

/** All pairs in the pool's workers: row tiles run `distanceRows` and are stitched in order. */
export async function computeInWorkers(
  table: LocationTable,
  metric: MetricName,
  pool: ThreadPool,
): Promise<MatrixResult> {
  const start = performance.now();
  const n = table.names.length;
  const distances = new Float64Array(rowOffset(n, Math.max(0, n - 1)));
  const tiles = rowTiles(n, pool.size * 4);
  await Promise.all(
    tiles.map(async ([rowStart, rowEnd]) => {
      const part = (await pool.run("distanceRows", [
        table.lat,
        table.lon,
        rowStart,
        rowEnd,
        metric,
      ])) as ReturnType<typeof distanceRows>;
      distances.set(part, rowOffset(n, rowStart));
    }),
  );
  return { names: table.names, distances, ms: performance.now() - start, mode: "workers" };
}

/** Distance between points i and j (either order; 0 on the diagonal). */
export function distanceAt(n: number, distances: Float64Array, i: number, j: number): number {
  if (i === j) return 0;
  return distances[i < j ? condensedIndex(n, i, j) : condensedIndex(n, j, i)]!;
}

/** Heat-map colour for a value in [0, max]: pale yellow (near) to deep red (far). */
export function heatColor(value: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const hue = 55 - 55 * t;
  const light = 92 - 52 * t;
  return `hsl(${hue.toFixed(0)} 90% ${light.toFixed(0)}%)`;
}
