import type { Coordinates } from "./_coordinates.ts";
import { checkCoordinates } from "./_coordinates.ts";
import { equirectangularAngle, geodesicMetres, haversineAngle, RAD } from "./_math.ts";
import type { DistanceOptions } from "./_units.ts";
import { sphericalScale, unitFactor } from "./_units.ts";

/** Names of the distance metrics. */
export type MetricName = "haversine" | "equirectangular" | "geodesic";

/** Every metric name, in documentation order. */
export const METRICS: readonly MetricName[] = Object.freeze([
  "haversine",
  "equirectangular",
  "geodesic",
]);

/** Throws unless `metric` is a known {@link MetricName}. @internal */
export function checkMetric(metric: unknown): asserts metric is MetricName {
  if (metric !== "haversine" && metric !== "equirectangular" && metric !== "geodesic") {
    throw new RangeError(
      `metric must be one of haversine, equirectangular, geodesic; got ${JSON.stringify(metric)}`,
    );
  }
}

/** Throws if a radius was given to the ellipsoidal metric. @internal */
export function checkNoRadius(options: DistanceOptions | undefined): void {
  if (options?.radius !== undefined) {
    throw new TypeError(
      "radius applies only to the spherical metrics (haversine, equirectangular); geodesic uses the WGS84 ellipsoid",
    );
  }
}

/**
 * Great-circle distance on a sphere by the haversine formula (ARCHITECTURE.md, "Metrics"):
 * `a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2)`, `d = 2R · atan2(√a, √(1 − a))`.
 *
 * @param a - first point (validated)
 * @param b - second point (validated)
 * @param options - `unit` (default km) and `radius` in km (default {@link EARTH_MEAN_RADIUS_KM})
 * @returns distance in `options.unit`, in [0, πR]
 * @throws RangeError if a coordinate is NaN/infinite/out of range, or an option is invalid
 *
 * @example
 * ```ts
 * haversine(coordinates(51.5007, -0.1246), coordinates(40.6892, -74.0445)); // ≈ 5574.8 km
 * ```
 */
export function haversine(a: Coordinates, b: Coordinates, options?: DistanceOptions): number {
  checkCoordinates(a, "a");
  checkCoordinates(b, "b");
  const scale = sphericalScale(options);
  const angle = haversineAngle(
    a.latitude,
    a.longitude,
    Math.cos(a.latitude * RAD),
    b.latitude,
    b.longitude,
    Math.cos(b.latitude * RAD),
  );
  return angle * scale;
}

/**
 * Equirectangular approximation: `x = Δλ · cos((φ1 + φ2)/2)`, `y = Δφ`, `d = R · √(x² + y²)`,
 * Δλ wrapped into [-π, π] (so it crosses the antimeridian the short way). Fast and good for
 * short distances; not a true metric over long ones.
 *
 * @param a - first point (validated)
 * @param b - second point (validated)
 * @param options - `unit` (default km) and `radius` in km
 * @throws RangeError on invalid coordinates or options
 */
export function equirectangular(a: Coordinates, b: Coordinates, options?: DistanceOptions): number {
  checkCoordinates(a, "a");
  checkCoordinates(b, "b");
  const scale = sphericalScale(options);
  return equirectangularAngle(a.latitude, a.longitude, b.latitude, b.longitude) * scale;
}

/**
 * Shortest distance on the WGS84 ellipsoid by Karney's algorithm (geographiclib-geodesic),
 * accurate to about 15 nanometres.
 *
 * @param a - first point (validated)
 * @param b - second point (validated)
 * @param options - `unit` (default km); `radius` is rejected (ellipsoidal metric)
 * @throws RangeError on invalid coordinates or unit; TypeError if `radius` is given
 */
export function geodesic(a: Coordinates, b: Coordinates, options?: DistanceOptions): number {
  checkCoordinates(a, "a");
  checkCoordinates(b, "b");
  checkNoRadius(options);
  const factor = unitFactor(options?.unit) / 1000;
  return geodesicMetres(a.latitude, a.longitude, b.latitude, b.longitude) * factor;
}

/**
 * Distance by metric name: `distance("geodesic", a, b)` equals `geodesic(a, b)`.
 *
 * @throws RangeError for an unknown metric, plus whatever the metric throws
 */
export function distance(
  metric: MetricName,
  a: Coordinates,
  b: Coordinates,
  options?: DistanceOptions,
): number {
  checkMetric(metric);
  if (metric === "haversine") return haversine(a, b, options);
  if (metric === "equirectangular") return equirectangular(a, b, options);
  return geodesic(a, b, options);
}
