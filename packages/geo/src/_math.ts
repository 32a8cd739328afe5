/**
 * Unchecked spherical and ellipsoidal formulas on plain numbers (degrees in, unit-sphere
 * radians or metres out). Shared by the scalar functions and the batch kernels.
 * @internal
 */
import geographiclib from "geographiclib-geodesic";

/** π / 180. */
export const RAD = Math.PI / 180;

/**
 * geographiclib's WGS84 geodesic, looked up on the first geodesic call rather than when this
 * module loads: the CLI's bundle then runs geographiclib's module code only for
 * `--metric geodesic` (a few ms of every start-up otherwise, --cpu-prof).
 */
let wgs84: typeof geographiclib.Geodesic.WGS84 | undefined;
let distanceMask = 0;

/**
 * Central angle (radians) by the haversine formula (ARCHITECTURE.md, "Metrics"):
 * `a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2)`, `2 · atan2(√a, √(1 − a))`.
 * `cosLat1`/`cosLat2` are `cos φ` (the kernels precompute them). For a > 1/2 (central angle
 * over 90°) `1 − a` is evaluated without cancellation, so antipodal points keep full precision.
 */
export function haversineAngle(
  lat1: number,
  lon1: number,
  cosLat1: number,
  lat2: number,
  lon2: number,
  cosLat2: number,
): number {
  const halfDLat = ((lat2 - lat1) * RAD) / 2;
  const halfDLon = ((lon2 - lon1) * RAD) / 2;
  const sdLat = Math.sin(halfDLat);
  const sdLon = Math.sin(halfDLon);
  const a = sdLat * sdLat + cosLat1 * cosLat2 * sdLon * sdLon;
  if (a <= 0.5) return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  // Near the antipode 1 − a cancels catastrophically (8 of 16 digits lost at a ≈ 1). The same
  // quantity as a sum of non-negative terms: 1 − a = cos²(Δφ/2)·cos²(Δλ/2) + sin²(Σφ/2)·sin²(Δλ/2).
  const cdLat = Math.cos(halfDLat);
  const cdLon = Math.cos(halfDLon);
  const sSum = Math.sin(((lat1 + lat2) * RAD) / 2);
  const b = cdLat * cdLat * cdLon * cdLon + sSum * sSum * sdLon * sdLon;
  return 2 * Math.atan2(Math.sqrt(Math.min(a, 1)), Math.sqrt(b));
}

/**
 * Equirectangular approximation (radians): `x = Δλ · cos((φ1 + φ2) / 2)`, `y = Δφ`,
 * `√(x² + y²)`, with Δλ wrapped into [-180°, 180°] so the antimeridian is crossed the short way.
 */
export function equirectangularAngle(
  lat1: number,
  lon1: number,
  lat2: number,
  lon2: number,
): number {
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const x = dLon * RAD * Math.cos(((lat1 + lat2) / 2) * RAD);
  const y = (lat2 - lat1) * RAD;
  return Math.sqrt(x * x + y * y);
}

/** Geodesic distance in metres on WGS84 (Karney 2013, via geographiclib-geodesic). */
export function geodesicMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  if (wgs84 === undefined) {
    wgs84 = geographiclib.Geodesic.WGS84;
    distanceMask = geographiclib.Geodesic.DISTANCE;
  }
  return wgs84.Inverse(lat1, lon1, lat2, lon2, distanceMask).s12 as number;
}
