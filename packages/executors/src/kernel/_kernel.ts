import type { KernelOptions, PointArrays } from "@dmx/geo";
import { cdistRows, lowerTriangleRows, pdistRows } from "@dmx/geo";
import type { Layout } from "../plan/_layout.ts";

/** Output array of the kernels. */
export type DistanceArray = Float64Array | Float32Array;

/** What a kernel call needs: the points, the layout and the metric options. */
export interface KernelInput {
  readonly layout: Layout;
  readonly origins: PointArrays;
  /** Only for `rect`. */
  readonly destinations?: PointArrays | undefined;
  readonly options: KernelOptions;
}

function slice(points: PointArrays, start: number, end: number): PointArrays {
  return { lat: points.lat.subarray(start, end), lon: points.lon.subarray(start, end) };
}

/**
 * Fills `out[outOffset ...]` with the distances of rows `[rowStart, rowEnd)` of the layout.
 * Every executor calls this one function, so every executor gives the same numbers.
 */
export function computeRows(
  input: KernelInput,
  rowStart: number,
  rowEnd: number,
  out: DistanceArray,
  outOffset: number,
): void {
  const { origins, options } = input;
  const n = origins.lat.length;
  switch (input.layout) {
    case "condensed":
      if (rowEnd > rowStart) pdistRows(origins, rowStart, rowEnd, options, out, outOffset);
      return;
    case "rect":
      if (rowEnd > rowStart) {
        cdistRows(origins, input.destinations!, rowStart, rowEnd, options, out, outOffset);
      }
      return;
    case "lower":
      // Row j holds (i, j) for i < j: the lower triangle (pairs order), which @dmx/geo computes
      // directly (one prepared point set for every tile, no scratch copy).
      if (rowEnd > rowStart) lowerTriangleRows(origins, rowStart, rowEnd, options, out, outOffset);
      return;
    case "square": {
      if (rowEnd <= rowStart) return;
      cdistRows(
        slice(origins, rowStart, rowEnd),
        origins,
        0,
        rowEnd - rowStart,
        options,
        out,
        outOffset,
      );
      for (let r = rowStart; r < rowEnd; r++) out[outOffset + (r - rowStart) * n + r] = 0;
      return;
    }
  }
}
