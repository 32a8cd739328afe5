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
  readonly mode: "main" | "workers" | "shared";
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

/**
 * All pairs in the pool's workers writing into one SharedArrayBuffer: each tile's rows land in
 * place, and nothing is cloned back. Needs `crossOriginIsolated` in a browser (COOP + COEP).
 */
export async function computeShared(
  table: LocationTable,
  metric: MetricName,
  pool: ThreadPool,
): Promise<MatrixResult> {
  const start = performance.now();
  const n = table.names.length;
  const size = rowOffset(n, Math.max(0, n - 1));
  const distances = new Float64Array(new SharedArrayBuffer(size * 8));
  // The inputs are shared too, so no worker gets its own copy of them.
  const lat = new Float64Array(new SharedArrayBuffer(n * 8));
  const lon = new Float64Array(new SharedArrayBuffer(n * 8));
  lat.set(table.lat);
  lon.set(table.lon);
  const tiles = rowTiles(n, pool.size * 4);
  await Promise.all(
    tiles.map(([rowStart, rowEnd]) =>
      pool.run("distanceRowsShared", [lat, lon, rowStart, rowEnd, metric, distances]),
    ),
  );
  return { names: table.names, distances, ms: performance.now() - start, mode: "shared" };
}

/**
 * Runs `work` while a `everyMs` interval ticks on this thread; returns its result and the longest
 * gap between ticks, which is how long the page could not respond (clicks, scrolling, timers).
 */
export async function withStallMeter<T>(
  work: () => Promise<T> | T,
  everyMs = 10,
): Promise<{ result: T; worstStallMs: number }> {
  let last = performance.now();
  let worst = 0;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  };
  const timer = setInterval(tick, everyMs);
  try {
    const result = await work();
    tick(); // the gap up to the end of the work counts too
    return { result, worstStallMs: Math.max(0, worst - everyMs) };
  } finally {
    clearInterval(timer);
  }
}

/** Distance between points i and j (either order; 0 on the diagonal). */
export function distanceAt(n: number, distances: Float64Array, i: number, j: number): number {
  if (i === j) return 0;
  return distances[i < j ? condensedIndex(n, i, j) : condensedIndex(n, j, i)]!;
}

/** WCAG relative luminance of an `hsl(h s% l%)` colour. */
function hslLuminance(h: number, s: number, l: number): number {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(8) + 0.0722 * channel(4);
}

/**
 * Text colour on a {@link heatColor} cell: white or black, whichever contrasts more with
 * the cell (black or white always reaches 4.58:1, above WCAG AA's 4.5:1).
 */
export function heatTextColor(value: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const bg = hslLuminance(Math.round(55 - 55 * t), 0.9, Math.round(92 - 52 * t) / 100);
  const dark = 0; // black: with white, at least 4.58:1 on any background
  return 1.05 / (bg + 0.05) > (bg + 0.05) / (dark + 0.05) ? "#ffffff" : "#000000";
}

/** Heat-map colour for a value in [0, max]: pale yellow (near) to deep red (far). */
export function heatColor(value: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const hue = 55 - 55 * t;
  const light = 92 - 52 * t;
  return `hsl(${hue.toFixed(0)} 90% ${light.toFixed(0)}%)`;
}
