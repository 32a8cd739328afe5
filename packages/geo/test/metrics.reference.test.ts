import { describe, expect, it } from "vitest";
import {
  coordinates,
  distance,
  EARTH_MEAN_RADIUS_KM,
  equirectangular,
  geodesic,
  haversine,
} from "../src/index.ts";

const p = coordinates;

describe("haversine: published values", () => {
  // Rosetta Code, "Haversine formula" task (rosettacode.org/wiki/Haversine_formula):
  // BNA (36.12, -86.67) to LAX (33.94, -118.40) is 2886.44444283798329974715782394574671655 km
  // with R = 6371.0 km and 2887.25995060711033944886005029688505340 km with R = 6372.8 km.
  const bna = p(36.12, -86.67);
  const lax = p(33.94, -118.4);
  it.each([
    [6371.0, Number("2886.44444283798329974715782394574671655")],
    [6372.8, Number("2887.25995060711033944886005029688505340")],
  ])("BNA to LAX with R = %s km", (radius, km) => {
    expect(haversine(bna, lax, { radius })).toBeCloseTo(km, 9);
    expect(haversine(lax, bna, { radius })).toBeCloseTo(km, 9);
  });

  it("half the circumference between antipodes: π R (exactly representable case)", () => {
    const halfCircle = Math.PI * EARTH_MEAN_RADIUS_KM;
    expect(haversine(p(0, 0), p(0, 180))).toBeCloseTo(halfCircle, 9);
    expect(haversine(p(90, 0), p(-90, 0))).toBeCloseTo(halfCircle, 9);
    // Antipodes off the axes: the naive 1 − a loses 8 digits here; we must not.
    expect(haversine(p(37.5, -122.25), p(-37.5, 57.75))).toBeCloseTo(halfCircle, 9);
  });

  it("one degree of a great circle is R·π/180", () => {
    const degree = (EARTH_MEAN_RADIUS_KM * Math.PI) / 180;
    expect(haversine(p(0, 0), p(0, 1))).toBeCloseTo(degree, 10);
    expect(haversine(p(10, 20), p(11, 20))).toBeCloseTo(degree, 10);
    expect(haversine(p(0, 179.5), p(0, -179.5))).toBeCloseTo(degree, 10);
  });

  it("converts units with exact factors (1 mi = 1.609344 km, 1 nmi = 1.852 km)", () => {
    const km = haversine(bna, lax);
    expect(haversine(bna, lax, { unit: "km" })).toBe(km);
    expect(haversine(bna, lax, { unit: "m" })).toBeCloseTo(km * 1000, 6);
    expect(haversine(bna, lax, { unit: "mi" })).toBeCloseTo(km / 1.609344, 9);
    expect(haversine(bna, lax, { unit: "nmi" })).toBeCloseTo(km / 1.852, 9);
    // A minute of arc on a sphere of radius 1.852 * 60 * 180 / π km is one nautical mile.
    const radius = (1.852 * 60 * 180) / Math.PI;
    expect(haversine(p(0, 0), p(0, 1 / 60), { unit: "nmi", radius })).toBeCloseTo(1, 12);
  });
});

describe("equirectangular", () => {
  const degree = (EARTH_MEAN_RADIUS_KM * Math.PI) / 180;

  it("is exact along the equator and along meridians", () => {
    expect(equirectangular(p(0, 0), p(0, 1))).toBeCloseTo(degree, 10);
    expect(equirectangular(p(10, 20), p(11, 20))).toBeCloseTo(degree, 10);
  });

  it("scales the longitude difference by cos of the mean latitude (not just λ1)", () => {
    // Regression: a well-known version multiplies only λ1 by the cosine (operator precedence).
    // At 60° N one degree of longitude is half a degree of great circle: cos 60° = 1/2.
    expect(equirectangular(p(60, 10), p(60, 11))).toBeCloseTo(degree / 2, 9);
    expect(equirectangular(p(60, 100), p(60, 101))).toBeCloseTo(degree / 2, 9);
  });

  it("wraps the longitude difference across the antimeridian", () => {
    expect(equirectangular(p(0, 179.5), p(0, -179.5))).toBeCloseTo(degree, 10);
    expect(equirectangular(p(0, -180), p(0, 180))).toBe(0);
  });

  it("is close to haversine for short distances", () => {
    const a = p(42.279594, -83.732124);
    const b = p(42.360081, -83.058884);
    const h = haversine(a, b);
    expect(Math.abs(equirectangular(a, b) - h) / h).toBeLessThan(1e-5);
  });
});

describe("geodesic: GeographicLib reference values", () => {
  // GeographicLib GeodSolve regression cases (C. F. F. Karney; geographiclib.sourceforge.io,
  // the GeodSolve tests shipped with GeographicLib and geographiclib-js test/geodesictest.js).
  it.each<[string, number, number, number, number, number, number]>([
    ["GeodSolve0 JFK to CDG", 40.6, -73.8, 49.01666667, 2.55, 5853226, 0.5],
    ["GeodSolve12", 0, 0, 0, 179, 19926189, 0.5],
    ["GeodSolve12 equatorial antipodes", 0, 0, 0, 180, 20003931, 0.5],
    [
      "GeodSolve6",
      88.202499451857,
      0,
      -88.202499451857,
      Number("179.981022032992859592"),
      20003898.214,
      0.5e-3,
    ],
    [
      "GeodSolve9",
      56.320923501171,
      0,
      -56.320923501171,
      Number("179.664747671772880215"),
      19993558.287,
      0.5e-3,
    ],
    ["GeodSolve59", 5, 0.00000000000001, 10, 180, Number("18345191.174332713"), 5e-9],
    ["GeodSolve74 short line", 54.1589, 15.3872, 54.1591, 15.3877, 39.527686385, 5e-9],
    [
      "GeodSolve76 Wellington to Salamanca",
      -(41 + 19 / 60),
      174 + 49 / 60,
      40 + 58 / 60,
      -(5 + 30 / 60),
      19960543.857179,
      0.5e-6,
    ],
    ["GeodSolve78", 27.2, 0, -27.1, 179.5, 19974354.765767, 0.5e-6],
  ])("%s", (_name, lat1, lon1, lat2, lon2, metres, tolerance) => {
    const d = geodesic(p(lat1, lon1), p(lat2, lon2), { unit: "m" });
    expect(Math.abs(d - metres)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(geodesic(p(lat1, lon1), p(lat2, lon2)) * 1000 - metres)).toBeLessThanOrEqual(
      tolerance,
    );
  });

  // Rows of GeodTest.dat (Karney, "Test set for geodesics", doi:10.5281/zenodo.32156), as
  // excerpted in geographiclib-js test/geodesictest.js: lat1 lon1 lat2 lon2 s12 (metres).
  // Longitudes past 180° are wrapped into [-180, 180] (the same meridian).
  it.each([
    [35.60777, -139.44815, -11.17491, -69.95921, Number("8935244.5604818305")],
    [55.52454, 106.05087, 77.03196, 197.18234 - 360, Number("4105086.1713924406")],
    [-21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671],
    [-66.99028, 112.2363, -12.70631, 285.90344 - 360, Number("11150344.2312080241")],
    [-17.42761, 173.34268, -15.84784, 5.93557, Number("16076603.1631180673")],
    [32.84994, 48.28919, -56.28556, 202.29132 - 360, Number("16727068.9438164461")],
    [6.96833, 52.74123, -7.39675, 206.17291 - 360, Number("17102477.2496958388")],
    [-50.56724, -16.30485, -33.56571, -94.97412, Number("6455670.5118668696")],
    [-87.85331, 85.66836, 66.48646, 16.09921, Number("17286615.3147144645")],
    [-25.72959, -144.90758, -57.70581, -269.17879 + 360, Number("9413446.7452453107")],
  ])("GeodTest (%s, %s) to (%s, %s)", (lat1, lon1, lat2, lon2, metres) => {
    expect(Math.abs(geodesic(p(lat1, lon1), p(lat2, lon2), { unit: "m" }) - metres)).toBeLessThan(
      1e-6,
    );
  });

  it("rejects a radius: the ellipsoid is fixed", () => {
    expect(() => geodesic(p(0, 0), p(1, 1), { radius: 6371 })).toThrow(TypeError);
    expect(() => geodesic(p(0, 0), p(1, 1), { radius: 6371 })).toThrow(
      "radius applies only to the spherical metrics",
    );
  });
});

describe("distance and options", () => {
  const a = p(42.279594, -83.732124);
  const b = p(40.364118, -111.73854);

  it("dispatches by metric name", () => {
    expect(distance("haversine", a, b)).toBe(haversine(a, b));
    expect(distance("equirectangular", a, b, { unit: "mi" })).toBe(
      equirectangular(a, b, { unit: "mi" }),
    );
    expect(distance("geodesic", a, b, { unit: "nmi" })).toBe(geodesic(a, b, { unit: "nmi" }));
  });

  it("rejects unknown metrics, units and bad radii", () => {
    expect(() => distance("manhattan" as "haversine", a, b)).toThrow(
      'metric must be one of haversine, equirectangular, geodesic; got "manhattan"',
    );
    expect(() => haversine(a, b, { unit: "ft" as "km" })).toThrow(
      'unit must be one of km, m, mi, nmi; got "ft"',
    );
    for (const radius of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => haversine(a, b, { radius })).toThrow(RangeError);
    }
  });

  it.each(["haversine", "equirectangular", "geodesic"] as const)(
    "%s rejects invalid coordinates, naming the argument and value",
    (metric) => {
      const bad = { latitude: Number.NaN, longitude: 0 };
      expect(() => distance(metric, bad, b)).toThrow(
        "a: latitude must be a finite number, got NaN",
      );
      expect(() => distance(metric, a, { latitude: 0, longitude: 190 })).toThrow(
        "b: longitude 190 is out of range [-180, 180]",
      );
      expect(() => distance(metric, null as unknown as typeof a, b)).toThrow(TypeError);
    },
  );
});
