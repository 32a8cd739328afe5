import { equirectangularAngle, geodesicMetres } from "./_math.ts";
import { checkMetric, checkNoRadius, type MetricName } from "./_metrics.ts";
import type { PointArrays } from "./_table.ts";
import { type DistanceOptions, sphericalScale, unitFactor } from "./_units.ts";

/** Options of the batch kernels: a distance's options plus which metric (default haversine). */
export interface KernelOptions extends DistanceOptions {
  /** Metric to use (default `"haversine"`). */
  metric?: MetricName;
}

/** Output buffer of a kernel: float64, or float32 to halve memory. */
export type DistanceArray = Float64Array | Float32Array;

/** Condensed index of (i, i + 1): where row i of a condensed vector starts. @internal */
export function rowOffset(n: number, i: number): number {
  return n * i - (i * (i + 1)) / 2;
}

/** Point count after checking that `lat` and `lon` agree. @internal */
export function pointCount(points: PointArrays, what = "points"): number {
  if (points === null || typeof points !== "object") {
    throw new TypeError(`${what} must be an object with lat and lon Float64Arrays`);
  }
  const { lat, lon } = points;
  if (!(lat instanceof Float64Array) || !(lon instanceof Float64Array)) {
    throw new TypeError(`${what}.lat and ${what}.lon must be Float64Arrays`);
  }
  if (lat.length !== lon.length) {
    throw new RangeError(
      `${what}.lat has ${lat.length} values but ${what}.lon has ${lon.length}; they must match`,
    );
  }
  return lat.length;
}

/** Checks `[rowStart, rowEnd)` against `n` rows. @internal */
export function checkRows(n: number, rowStart: number, rowEnd: number): void {
  if (!Number.isInteger(rowStart) || !Number.isInteger(rowEnd)) {
    throw new RangeError(`rowStart and rowEnd must be integers; got ${rowStart}, ${rowEnd}`);
  }
  if (rowStart < 0 || rowStart > rowEnd || rowEnd > n) {
    throw new RangeError(
      `rows must satisfy 0 <= rowStart <= rowEnd <= ${n}; got rowStart=${rowStart}, rowEnd=${rowEnd}`,
    );
  }
}

/** Checks that `out` has room for `count` values from `offset`. @internal */
export function checkOut(out: DistanceArray, offset: number, count: number): void {
  if (!(out instanceof Float64Array) && !(out instanceof Float32Array)) {
    throw new TypeError("out must be a Float64Array or a Float32Array");
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`outOffset must be a non-negative integer, got ${offset}`);
  }
  if (offset + count > out.length) {
    throw new RangeError(
      `out is too small: needs ${count} values from offset ${offset} (${offset + count}), has ${out.length}`,
    );
  }
}

/**
 * A resolved kernel: metric and scale checked once, then `pair(i, j)` style loops.
 * @internal
 */
export interface ResolvedKernel {
  readonly metric: MetricName;
  /** Multiplier from the metric's native result (radians, or metres for geodesic) to the unit. */
  readonly scale: number;
}

/** Validates kernel options once per call. @internal */
export function resolveKernel(options: KernelOptions | undefined): ResolvedKernel {
  const metric = options?.metric ?? "haversine";
  checkMetric(metric);
  if (metric === "geodesic") {
    checkNoRadius(options);
    return { metric, scale: unitFactor(options?.unit) / 1000 };
  }
  return { metric, scale: sphericalScale(options) };
}

/**
 * Row kernel for the metrics without a fast path (equirectangular, geodesic): origin
 * (lat1, lon1) against destinations `[jStart, jEnd)`, written to `out` from `o`. One metric
 * per loop so each loop stays monomorphic. Returns the next offset.
 * @internal
 */
export function referenceRow(
  kernel: ResolvedKernel,
  lat1: number,
  lon1: number,
  dest: PointArrays,
  jStart: number,
  jEnd: number,
  out: DistanceArray,
  o: number,
): number {
  const { lat, lon } = dest;
  const s = kernel.scale;
  if (kernel.metric === "equirectangular") {
    for (let j = jStart; j < jEnd; j++) {
      out[o++] = equirectangularAngle(lat1, lon1, lat[j]!, lon[j]!) * s;
    }
  } else {
    for (let j = jStart; j < jEnd; j++) {
      out[o++] = geodesicMetres(lat1, lon1, lat[j]!, lon[j]!) * s;
    }
  }
  return o;
}
