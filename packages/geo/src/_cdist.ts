import { fastCdistRows } from "./_fast-haversine.ts";
import {
  checkOut,
  checkRows,
  type DistanceArray,
  type KernelOptions,
  pointCount,
  referenceRow,
  resolveKernel,
} from "./_kernels.ts";
import type { PointArrays } from "./_table.ts";

/**
 * Distances from every origin to every destination, row-major
 * (`out[i * destinations + j]` = d(origin i, destination j)).
 *
 * @param origins - `{ lat, lon }` in degrees
 * @param destinations - `{ lat, lon }` in degrees
 * @param options - `metric` (default haversine), `unit`, `radius`
 * @param out - optional preallocated output with at least `origins × destinations` values
 * @returns `out`
 */
export function cdist(
  origins: PointArrays,
  destinations: PointArrays,
  options?: KernelOptions,
  out?: DistanceArray,
): DistanceArray {
  const n = pointCount(origins, "origins");
  const m = pointCount(destinations, "destinations");
  const target = out ?? new Float64Array(n * m);
  cdistRows(origins, destinations, 0, n, options ?? {}, target, 0);
  return target;
}

/**
 * One tile of {@link cdist}: origins `i` in `[rowStart, rowEnd)` against every destination,
 * written contiguously into `out` from `outOffset` (`(rowEnd − rowStart) × destinations`
 * values). With `outOffset = rowStart × destinations` it fills its slice of the full matrix.
 *
 * @throws RangeError unless `0 <= rowStart <= rowEnd <= origins` and `out` has room
 */
export function cdistRows(
  origins: PointArrays,
  destinations: PointArrays,
  rowStart: number,
  rowEnd: number,
  options: KernelOptions,
  out: DistanceArray,
  outOffset = 0,
): void {
  const n = pointCount(origins, "origins");
  const m = pointCount(destinations, "destinations");
  checkRows(n, rowStart, rowEnd);
  checkOut(out, outOffset, (rowEnd - rowStart) * m);
  const kernel = resolveKernel(options);
  if (rowEnd === rowStart || m === 0) return;
  if (kernel.metric === "haversine") {
    fastCdistRows(origins, destinations, rowStart, rowEnd, kernel.scale, out, outOffset);
    return;
  }
  const { lat, lon } = origins;
  let o = outOffset;
  for (let i = rowStart; i < rowEnd; i++) {
    o = referenceRow(kernel, lat[i]!, lon[i]!, destinations, 0, m, out, o);
  }
}
