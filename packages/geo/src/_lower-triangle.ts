import { fastLowerTriangleRows } from "./_fast-haversine.ts";
import {
  checkOut,
  checkRows,
  type DistanceArray,
  type KernelOptions,
  pointCount,
  resolveKernel,
} from "./_kernels.ts";
import { equirectangularAngle, geodesicMetres } from "./_math.ts";
import type { PointArrays } from "./_table.ts";

/**
 * A tile of the lower triangle, row by row (the `pairs` order; ARCHITECTURE.md, "Pairs and
 * their order"): for each `j` in
 * `[rowStart, rowEnd)`, the distances of (0, j) (1, j) … (j − 1, j), contiguous in `out`
 * from `outOffset`. Pair (i, j) of the full order sits at `j(j − 1)/2 + i`, so
 * `outOffset = rowStart(rowStart − 1)/2` fills the tile's slice of a full vector.
 * The origin of each pair is the earlier location, `i`.
 *
 * Writes `Σ j` values for j in the range. Uses the same kernels as {@link pdistRows}.
 *
 * @throws RangeError unless `0 <= rowStart <= rowEnd <= n` and `out` has room
 */
export function lowerTriangleRows(
  points: PointArrays,
  rowStart: number,
  rowEnd: number,
  options: KernelOptions,
  out: DistanceArray,
  outOffset = 0,
): void {
  const n = pointCount(points);
  checkRows(n, rowStart, rowEnd);
  const count = (rowEnd * (rowEnd - 1)) / 2 - (rowStart * (rowStart - 1)) / 2;
  checkOut(out, outOffset, count);
  const kernel = resolveKernel(options);
  if (count === 0) return;
  if (kernel.metric === "haversine") {
    fastLowerTriangleRows(points, rowStart, rowEnd, kernel.scale, out, outOffset);
    return;
  }
  const { lat, lon } = points;
  const s = kernel.scale;
  const geodesic = kernel.metric === "geodesic";
  let o = outOffset;
  for (let j = rowStart; j < rowEnd; j++) {
    const lat2 = lat[j]!;
    const lon2 = lon[j]!;
    for (let i = 0; i < j; i++) {
      out[o++] =
        (geodesic
          ? geodesicMetres(lat[i]!, lon[i]!, lat2, lon2)
          : equirectangularAngle(lat[i]!, lon[i]!, lat2, lon2)) * s;
    }
  }
}

/** @deprecated Renamed {@link lowerTriangleRows} (what it computes); this alias will go. */
export const workshopRows: typeof lowerTriangleRows = lowerTriangleRows;
