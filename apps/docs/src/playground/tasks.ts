// The task module that the playground's Web Workers load through @dmx/thread-pool: every
// export is a task. Vite bundles it as its own ES module (see mount.ts, `?worker&url`).
import { rowOffset as layoutRowOffset } from "@dmx/executors/plan";
import { type MetricName, pdistRows } from "@dmx/geo";

/**
 * Rows `[rowStart, rowEnd)` of the condensed distance vector (each row i against every j > i),
 * the same numbers `pdist` gives for that slice.
 */
export function distanceRows(
  lat: Float64Array,
  lon: Float64Array,
  rowStart: number,
  rowEnd: number,
  metric: MetricName,
): Float64Array {
  const n = lat.length;
  const count = rowOffset(n, rowEnd) - rowOffset(n, rowStart);
  const out = new Float64Array(count);
  pdistRows({ lat, lon }, rowStart, rowEnd, { metric }, out, 0);
  return out;
}

/**
 * The same rows written in place into `out` (a Float64Array over a SharedArrayBuffer that every
 * worker and the page hold): nothing is copied back, the task returns only the count.
 */
export function distanceRowsShared(
  lat: Float64Array,
  lon: Float64Array,
  rowStart: number,
  rowEnd: number,
  metric: MetricName,
  out: Float64Array,
): number {
  const n = lat.length;
  pdistRows({ lat, lon }, rowStart, rowEnd, { metric }, out, rowOffset(n, rowStart));
  return rowOffset(n, rowEnd) - rowOffset(n, rowStart);
}

/** Where row i starts in a condensed vector of n points (`@dmx/executors/plan`'s layout). */
export function rowOffset(n: number, i: number): number {
  return layoutRowOffset("condensed", n, n, i);
}
