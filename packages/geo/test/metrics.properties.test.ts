import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Coordinates,
  distance,
  EARTH_MEAN_RADIUS_KM,
  equirectangular,
  geodesic,
  haversine,
  type MetricName,
} from "../src/index.ts";

const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true });
const point: fc.Arbitrary<Coordinates> = fc.record({ latitude, longitude });
/** A point and one within about a kilometre of it (longitude kept in range). */
const nearPair = fc
  .tuple(
    point,
    fc.double({ min: -0.01, max: 0.01, noNaN: true }),
    fc.double({ min: -0.01, max: 0.01, noNaN: true }),
  )
  .map(([a, dLat, dLon]): [Coordinates, Coordinates] => [
    a,
    {
      latitude: Math.max(-90, Math.min(90, a.latitude + dLat)),
      longitude: Math.max(-180, Math.min(180, a.longitude + dLon)),
    },
  ]);

/** Twice the WGS84 meridian quadrant, 10 001 965.729 m (published to the millimetre). */
const HALF_MERIDIAN_KM = 2 * 10001.965729;

describe.each<MetricName>(["haversine", "equirectangular", "geodesic"])("%s laws", (metric) => {
  it("is symmetric and non-negative", () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const ab = distance(metric, a, b);
        const ba = distance(metric, b, a);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - ba)).toBeLessThanOrEqual(1e-9 * ab + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("is zero for identical points", () => {
    fc.assert(
      fc.property(point, (a) => {
        expect(distance(metric, a, a)).toBe(0);
      }),
    );
  });
});

describe.each<[MetricName, number]>([
  ["haversine", Math.PI * EARTH_MEAN_RADIUS_KM],
  ["geodesic", HALF_MERIDIAN_KM],
])("%s is a metric on the globe", (metric, maximum) => {
  it("stays within [0, max] (πR for the sphere, half a meridian on WGS84)", () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distance(metric, a, b);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(maximum * (1 + 1e-10)); // 2 mm: the published rounding
      }),
      { numRuns: 300 },
    );
  });

  it("obeys the triangle inequality", () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const slack = 1e-9;
        expect(distance(metric, a, c)).toBeLessThanOrEqual(
          distance(metric, a, b) + distance(metric, b, c) + slack,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("metrics against each other", () => {
  it("haversine is within 0.6 % of the WGS84 geodesic (sphere vs ellipsoid)", () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const g = geodesic(a, b);
        fc.pre(g > 1);
        expect(Math.abs(haversine(a, b) - g) / g).toBeLessThan(0.006);
      }),
      { numRuns: 300 },
    );
  });

  it("equirectangular matches haversine for nearby points away from the poles", () => {
    fc.assert(
      fc.property(nearPair, ([a, b]) => {
        fc.pre(Math.abs(a.latitude) < 80 && Math.abs(b.latitude) < 80);
        const h = haversine(a, b);
        expect(Math.abs(equirectangular(a, b) - h)).toBeLessThanOrEqual(1e-4 * h + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("scales linearly with the radius and converts units consistently", () => {
    fc.assert(
      fc.property(point, point, fc.double({ min: 1, max: 1e5, noNaN: true }), (a, b, radius) => {
        const unit = haversine(a, b, { radius: 1 });
        expect(haversine(a, b, { radius })).toBeCloseTo(unit * radius, 6);
        const km = geodesic(a, b);
        expect(geodesic(a, b, { unit: "m" })).toBeCloseTo(km * 1000, 5);
        expect(geodesic(a, b, { unit: "nmi" }) * 1.852).toBeCloseTo(km, 7);
      }),
      { numRuns: 200 },
    );
  });
});
