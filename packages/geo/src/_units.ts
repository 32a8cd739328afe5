/** Distance units: kilometres, metres, statute miles, international nautical miles. */
export type DistanceUnit = "km" | "m" | "mi" | "nmi";

/** Every {@link DistanceUnit}, kilometres first (the default). */
export const UNITS: readonly DistanceUnit[] = Object.freeze(["km", "m", "mi", "nmi"]);

/** Options shared by every distance function. */
export interface DistanceOptions {
  /** Unit of the result (default `"km"`). */
  unit?: DistanceUnit;
  /**
   * Sphere radius in kilometres for the spherical metrics (`haversine`, `equirectangular`);
   * default {@link EARTH_MEAN_RADIUS_KM}. Rejected by `geodesic`, which uses the WGS84 ellipsoid.
   */
  radius?: number;
}

/** The IUGG mean Earth radius R1 = (2a + b) / 3 of WGS84, in kilometres. */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;

/**
 * Kilometres per unit: 1 mi = 1.609344 km (international mile, exact),
 * 1 nmi = 1.852 km (exact).
 */
export const KM_PER_UNIT: Readonly<Record<DistanceUnit, number>> = Object.freeze({
  km: 1,
  m: 0.001,
  mi: 1.609344,
  nmi: 1.852,
});

/** Factor that turns kilometres into `unit`. @internal */
export function unitFactor(unit: DistanceUnit | undefined): number {
  if (unit === undefined || unit === "km") return 1;
  if (unit === "m") return 1000;
  if (unit === "mi" || unit === "nmi") return 1 / KM_PER_UNIT[unit];
  throw new RangeError(`unit must be one of km, m, mi, nmi; got ${JSON.stringify(unit)}`);
}

/** Radius in km from options, validated. @internal */
export function sphereRadius(options: DistanceOptions | undefined): number {
  const r = options?.radius;
  if (r === undefined) return EARTH_MEAN_RADIUS_KM;
  if (typeof r !== "number" || !Number.isFinite(r) || r <= 0) {
    throw new RangeError(`radius must be a positive finite number of kilometres, got ${r}`);
  }
  return r;
}

/** Multiplier from "radians on the unit sphere" to the requested unit. @internal */
export function sphericalScale(options: DistanceOptions | undefined): number {
  return sphereRadius(options) * unitFactor(options?.unit);
}
