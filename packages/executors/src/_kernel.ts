import type { KernelOptions, PointArrays } from "@dmx/geo";
import { cdistRows, pdistRows } from "@dmx/geo";
import type { Layout } from "./_layout.ts";

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

let scratch = new Float64Array(0);

/** A reusable Float64Array of at least `length` values (one per thread). */
function scratchArray(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(Math.max(length, scratch.length * 2));
  return scratch;
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
    case "lower": {
      // Row j holds (i, j) for i < j. The tile's rows against points [0, rowEnd) as one
      // rectangle (one kernel call, per-point terms computed once), then the lower parts.
      // The metrics are symmetric, so d(j, i) is d(i, j).
      const first = Math.max(rowStart, 1);
      if (rowEnd <= first) return;
      const width = rowEnd;
      const scratch = scratchArray((rowEnd - first) * width);
      cdistRows(
        slice(origins, first, rowEnd),
        slice(origins, 0, width),
        0,
        rowEnd - first,
        options,
        scratch,
        0,
      );
      let at = outOffset;
      for (let j = first; j < rowEnd; j++) {
        const from = (j - first) * width;
        for (let i = 0; i < j; i++) out[at++] = scratch[from + i]!;
      }
      return;
    }
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
