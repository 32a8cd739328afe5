import { condensedLength } from "./_condensed.ts";
import { fastPdistRows } from "./_fast-haversine.ts";
import {
  checkOut,
  checkRows,
  type DistanceArray,
  type KernelOptions,
  pointCount,
  referenceRow,
  resolveKernel,
  rowOffset,
} from "./_kernels.ts";
import type { PointArrays } from "./_table.ts";

/**
 * All pairwise distances of `points` as a condensed vector in SciPy `pdist` order
 * ((0,1) (0,2) … (0,n−1) (1,2) …; pass it to `scipy.spatial.distance.squareform`).
 *
 * Inputs are trusted to be valid degrees (validate when reading; see `parseLocations`).
 *
 * @param points - `{ lat, lon }` Float64Arrays in degrees, same length
 * @param options - `metric` (default haversine), `unit` (default km), `radius` (spherical only)
 * @param out - optional preallocated output with at least `n(n−1)/2` values (e.g. on a
 *   SharedArrayBuffer); a new Float64Array otherwise
 * @returns `out`
 * @throws RangeError/TypeError on mismatched arrays, bad options or a too-small `out`
 *
 * @example
 * ```ts
 * const table = parseLocations("a,0,0\nb,0,1\nc,1,0\n");
 * pdist(table); // Float64Array [d(a,b), d(a,c), d(b,c)]
 * ```
 */
export function pdist(
  points: PointArrays,
  options?: KernelOptions,
  out?: DistanceArray,
): DistanceArray {
  const n = pointCount(points);
  const target = out ?? new Float64Array(condensedLength(n));
  pdistRows(points, 0, n, options ?? {}, target, 0);
  return target;
}

/**
 * One tile of {@link pdist}: rows `i` in `[rowStart, rowEnd)`, each against every `j > i`,
 * written contiguously into `out` from `outOffset`. With
 * `outOffset = condensedIndex(n, rowStart, rowStart + 1)` (or `0` into a tile-sized buffer)
 * it fills exactly its slice of the full condensed vector, so workers can split rows.
 *
 * Writes `Σ (n − 1 − i)` values. Each call precomputes O(n) per-point terms, so give it
 * tiles of at least a few rows.
 *
 * @throws RangeError unless `0 <= rowStart <= rowEnd <= n` and `out` has room
 */
export function pdistRows(
  points: PointArrays,
  rowStart: number,
  rowEnd: number,
  options: KernelOptions,
  out: DistanceArray,
  outOffset = 0,
): void {
  const n = pointCount(points);
  checkRows(n, rowStart, rowEnd);
  const count = rowOffset(n, rowEnd) - rowOffset(n, rowStart);
  checkOut(out, outOffset, count);
  const kernel = resolveKernel(options);
  if (count === 0) return;
  if (kernel.metric === "haversine") {
    fastPdistRows(points, rowStart, rowEnd, kernel.scale, out, outOffset);
    return;
  }
  const { lat, lon } = points;
  let o = outOffset;
  for (let i = rowStart; i < rowEnd; i++) {
    o = referenceRow(kernel, lat[i]!, lon[i]!, points, i + 1, n, out, o);
  }
}
