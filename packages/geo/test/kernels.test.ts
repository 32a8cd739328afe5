import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cdist,
  cdistRows,
  condensedIndex,
  condensedLength,
  coordinates,
  distance,
  type KernelOptions,
  lowerTrianglePairs,
  lowerTriangleRows,
  type MetricName,
  pdist,
  pdistRows,
} from "../src/index.ts";

/** Deterministic pseudo-random points over the whole sphere (lat uniform in sin). */
function points(n: number, seed: number): { lat: Float64Array; lon: Float64Array } {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = (Math.asin(2 * next() - 1) * 180) / Math.PI;
    lon[i] = next() * 360 - 180;
  }
  return { lat, lon };
}

function scalar(
  metric: MetricName,
  pts: { lat: Float64Array; lon: Float64Array },
  i: number,
  j: number,
  options: KernelOptions = {},
) {
  const a = coordinates(pts.lat[i]!, pts.lon[i]!);
  const b = coordinates(pts.lat[j]!, pts.lon[j]!);
  const { metric: _m, ...rest } = options;
  return distance(metric, a, b, rest);
}

function expectClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * expected + 1e-6);
}

const METRICS: MetricName[] = ["haversine", "equirectangular", "geodesic"];

describe.each(METRICS)("pdist (%s)", (metric) => {
  const pts = points(23, 7);
  const n = 23;

  it("equals the scalar function for every pair, in SciPy order", () => {
    const out = pdist(pts, { metric });
    expect(out).toBeInstanceOf(Float64Array);
    expect(out).toHaveLength(condensedLength(n));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++)
        expectClose(out[condensedIndex(n, i, j)]!, scalar(metric, pts, i, j));
    }
  });

  it("tiles of rows fill exactly their slice of the full vector", () => {
    const full = pdist(pts, { metric, unit: "mi" });
    const tiled = new Float64Array(full.length).fill(Number.NaN);
    for (const [start, end] of [
      [0, 5],
      [5, 6],
      [6, 6],
      [6, 17],
      [17, 23],
    ] as const) {
      const offset = start < n - 1 ? condensedIndex(n, start, start + 1) : full.length;
      pdistRows(pts, start, end, { metric, unit: "mi" }, tiled, offset);
    }
    expect([...tiled]).toEqual([...full]);
  });

  it("writes a tile at outOffset 0 into a tile-sized buffer", () => {
    const full = pdist(pts, { metric });
    const tile = new Float64Array(n - 1 - 3 + (n - 1 - 4));
    pdistRows(pts, 3, 5, { metric }, tile);
    expect([...tile]).toEqual([...full.subarray(condensedIndex(n, 3, 4), condensedIndex(n, 5, 6))]);
  });

  it("fills a Float32Array (rounded) and a SharedArrayBuffer", () => {
    const full = pdist(pts, { metric });
    const f32 = pdist(pts, { metric }, new Float32Array(full.length));
    expect(f32).toBeInstanceOf(Float32Array);
    expect([...f32]).toEqual([...Float32Array.from(full)]);
    const shared = new Float64Array(new SharedArrayBuffer(full.length * 8));
    expect(pdist(pts, { metric }, shared)).toBe(shared);
    expect([...shared]).toEqual([...full]);
  });

  it("lowerTriangleRows lists the pairs in the workshop's order, tile by tile", () => {
    const full = pdist(pts, { metric, unit: "m" });
    const expected = [...lowerTrianglePairs(n)].map(([i, j]) => full[condensedIndex(n, i, j)]!);
    const out = new Float64Array(expected.length).fill(Number.NaN);
    for (const [start, end] of [
      [0, 1],
      [1, 4],
      [4, 4],
      [4, 15],
      [15, 23],
    ] as const) {
      lowerTriangleRows(pts, start, end, { metric, unit: "m" }, out, (start * (start - 1)) / 2);
    }
    for (let k = 0; k < expected.length; k++) expectClose(out[k]!, expected[k]!);
    expect(() => lowerTriangleRows(pts, 2, 5, { metric }, new Float64Array(8))).toThrow(
      "out is too small: needs 9 values",
    );
  });

  it("cdist equals the scalar function for every origin × destination, row-major", () => {
    const origins = points(7, 11);
    const destinations = points(5, 13);
    const out = cdist(origins, destinations, { metric, unit: "nmi" });
    expect(out).toHaveLength(35);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 5; j++) {
        const a = coordinates(origins.lat[i]!, origins.lon[i]!);
        const b = coordinates(destinations.lat[j]!, destinations.lon[j]!);
        expectClose(out[i * 5 + j]!, distance(metric, a, b, { unit: "nmi" }));
      }
    }
    const part = new Float64Array(2 * 5);
    cdistRows(origins, destinations, 3, 5, { metric, unit: "nmi" }, part);
    expect([...part]).toEqual([...out.subarray(15, 25)]);
  });
});

describe("kernel edge cases and errors", () => {
  it("handles 0 and 1 points", () => {
    const none = { lat: new Float64Array(0), lon: new Float64Array(0) };
    const one = { lat: new Float64Array([1]), lon: new Float64Array([2]) };
    expect(pdist(none)).toHaveLength(0);
    expect(pdist(one)).toHaveLength(0);
    expect(cdist(one, none)).toHaveLength(0);
    expect(cdist(none, one)).toHaveLength(0);
  });

  it("honours radius and unit", () => {
    const pts = points(4, 3);
    const km = pdist(pts);
    const scaled = pdist(pts, { radius: 1, unit: "m" });
    for (let k = 0; k < km.length; k++)
      expect(scaled[k]! * 6371.0088).toBeCloseTo(km[k]! * 1000, 6);
  });

  it("rejects mismatched arrays, bad rows, small outputs and bad options", () => {
    const pts = points(5, 1);
    expect(() => pdist({ lat: new Float64Array(2), lon: new Float64Array(3) })).toThrow(
      "points.lat has 2 values but points.lon has 3",
    );
    expect(() => pdist({ lat: [1] as unknown as Float64Array, lon: new Float64Array(1) })).toThrow(
      TypeError,
    );
    expect(() => pdist(pts, {}, new Float64Array(9))).toThrow("out is too small: needs 10 values");
    expect(() => pdistRows(pts, 3, 2, {}, new Float64Array(10))).toThrow(
      "0 <= rowStart <= rowEnd <= 5",
    );
    expect(() => pdistRows(pts, 0, 6, {}, new Float64Array(10))).toThrow(RangeError);
    expect(() => pdistRows(pts, 0.5, 2, {}, new Float64Array(10))).toThrow("must be integers");
    expect(() => pdistRows(pts, 0, 1, {}, new Float64Array(10), 7)).toThrow("from offset 7");
    expect(() => pdistRows(pts, 0, 1, {}, new Float64Array(10), -1)).toThrow("outOffset must be");
    expect(() => pdistRows(pts, 0, 1, {}, [] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => pdist(pts, { metric: "cosine" as MetricName })).toThrow("metric must be one of");
    expect(() => pdist(pts, { metric: "geodesic", radius: 6371 })).toThrow(
      "radius applies only to the spherical metrics",
    );
    expect(() => cdist(pts, { lat: new Float64Array(1), lon: new Float64Array(2) })).toThrow(
      "destinations.lat has 1 values",
    );
    expect(() => cdistRows(pts, pts, 0, 2, {}, new Float64Array(9))).toThrow("out is too small");
  });

  it("haversine kernel equals the scalar function anywhere on the sphere (property)", () => {
    const coord = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(coord, { minLength: 2, maxLength: 12 }), (cs) => {
        const pts = {
          lat: Float64Array.from(cs, (c) => c.lat),
          lon: Float64Array.from(cs, (c) => c.lon),
        };
        const out = pdist(pts);
        const n = cs.length;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++)
            expectClose(out[condensedIndex(n, i, j)]!, scalar("haversine", pts, i, j));
        }
      }),
      { numRuns: 300 },
    );
  });
});
