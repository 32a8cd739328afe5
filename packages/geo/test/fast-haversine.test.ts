import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  type HaversineBackend,
  haversineBackend,
  setHaversineBackend,
} from "../src/_fast-haversine.ts";
import { cdist, coordinates, haversine, pdist, pdistRows } from "../src/index.ts";

/** The kernel tolerance (ARCHITECTURE.md, "Metrics") for a faster kernel: 1e-9 relative, or 1e-6 km for tiny distances. */
function agrees(fast: number, scalar: number): boolean {
  return Math.abs(fast - scalar) <= Math.max(1e-9 * scalar, 1e-6);
}

const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const wrap = (x: number) => (x > 180 ? x - 360 : x < -180 ? x + 360 : x);
const clampLat = (x: number) => Math.max(-90, Math.min(90, x));
const tiny = fc.oneof(
  fc.constant(0),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.double({ min: -1e-9, max: 1e-9, noNaN: true }),
);
type P = [number, number];
const anywhere = fc.tuple(lat, lon);
/** The exact antipode, or a point very near it. */
const antipodal = (p: P) =>
  tiny.chain((a) => tiny.map((b): P => [clampLat(-p[0] + a), wrap(p[1] + 180 + b)]));
/** The same point, or one very near it. */
const nearby = (p: P) =>
  tiny.chain((a) => tiny.map((b): P => [clampLat(p[0] + a), wrap(p[1] + b)]));
const special = fc.constantFrom<P>(
  [90, 0],
  [-90, 0],
  [0, 180],
  [0, -180],
  [0, 0],
  [45, 179.999999],
  [-45, -179.999999],
);
/** Points spread over the sphere, with antipodal and near-identical companions and poles. */
const cloud = fc
  .array(fc.oneof(anywhere, special), { minLength: 1, maxLength: 8 })
  .chain((base) =>
    fc.tuple(
      fc.constant(base),
      fc.tuple(...base.map((p) => antipodal(p))),
      fc.tuple(...base.map((p) => nearby(p))),
    ),
  )
  .map(([a, b, c]) => [...a, ...b, ...c]);

const backends: HaversineBackend[] = haversineBackend() === "wasm" ? ["wasm", "js"] : ["js"];
afterAll(() => setHaversineBackend(undefined));

describe.each(backends)("fast haversine kernel (%s)", (backend) => {
  it("agrees with the scalar haversine across the sphere, antipodes and near-identical points (property)", () => {
    setHaversineBackend(backend);
    fc.assert(
      fc.property(cloud, (points) => {
        const table = {
          lat: Float64Array.from(points, (p) => p[0]),
          lon: Float64Array.from(points, (p) => p[1]),
        };
        const out = pdist(table);
        const n = points.length;
        let k = 0;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const scalar = haversine(coordinates(...points[i]!), coordinates(...points[j]!));
            if (!agrees(out[k]!, scalar)) {
              throw new Error(
                `pair ${i},${j} ${points[i]} ${points[j]}: kernel ${out[k]} vs scalar ${scalar}`,
              );
            }
            k++;
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("is within 1e-11 relative of the scalar formula on a dense sweep of angles", () => {
    setHaversineBackend(backend);
    // Origin on the equator, destinations along a meridian through the poles and back:
    // central angles 0 … π in 20,001 steps, plus a sweep along the equator.
    const steps = 20_001;
    const dest = { lat: new Float64Array(2 * steps), lon: new Float64Array(2 * steps) };
    for (let k = 0; k < steps; k++) {
      const t = (180 * k) / (steps - 1);
      dest.lat[k] = t <= 90 ? t : 180 - t;
      dest.lon[k] = t <= 90 ? 10 : -170;
      dest.lat[steps + k] = 0;
      dest.lon[steps + k] = wrap(10 + t);
    }
    const out = cdist({ lat: new Float64Array([0]), lon: new Float64Array([10]) }, dest);
    let worst = 0;
    for (let k = 0; k < 2 * steps; k++) {
      const scalar = haversine(coordinates(0, 10), coordinates(dest.lat[k]!, dest.lon[k]!));
      if (scalar > 1e-3) worst = Math.max(worst, Math.abs(out[k]! - scalar) / scalar);
      else expect(Math.abs(out[k]! - scalar)).toBeLessThan(1e-9);
    }
    expect(worst).toBeLessThan(1e-11);
  });

  it("gives exactly π R for exact antipodes and 0 for identical points", () => {
    setHaversineBackend(backend);
    const out = pdist({
      lat: new Float64Array([37.5, -37.5, 37.5]),
      lon: new Float64Array([-122.25, 57.75, -122.25]),
    });
    expect(out[0]).toBeCloseTo(Math.PI * 6371.0088, 9);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(Math.PI * 6371.0088, 9);
  });

  it("handles rows longer than one WebAssembly chunk, odd lengths and tiles", () => {
    setHaversineBackend(backend);
    const m = 2 * 8192 + 3;
    const dest = { lat: new Float64Array(m), lon: new Float64Array(m) };
    for (let k = 0; k < m; k++) {
      dest.lat[k] = 89.9 * Math.sin(k * 0.7);
      dest.lon[k] = 179.9 * Math.cos(k * 1.3);
    }
    const origins = { lat: new Float64Array([12.5, -80]), lon: new Float64Array([-33, 100]) };
    const out = new Float32Array(2 * m + 1).fill(-1);
    cdist(origins, dest, { unit: "mi" }, out);
    for (const k of [0, 1, 8191, 8192, 8193, m - 1, m, m + 8192, 2 * m - 1]) {
      const i = k < m ? 0 : 1;
      const j = k % m;
      const scalar = haversine(
        coordinates(origins.lat[i]!, origins.lon[i]!),
        coordinates(dest.lat[j]!, dest.lon[j]!),
        { unit: "mi" },
      );
      expect(Math.abs(out[k]! - scalar)).toBeLessThanOrEqual(scalar * 1e-7); // float32 rounding
    }
    expect(out[2 * m]).toBe(-1); // nothing written past the end
    // A tile of pdist rows 0..1 holds, in condensed order, the pairs (0, j > 0) then (1, j > 1):
    // the same numbers as the cdist rows of those two points against all points. (Comparing
    // with a full pdist of these 16,387 points would allocate 1 GB for 134 M pairs.)
    const tile = new Float64Array(2 * m - 3);
    pdistRows(dest, 0, 2, { radius: 1 }, tile);
    const firstTwo = { lat: dest.lat.slice(0, 2), lon: dest.lon.slice(0, 2) };
    const rows = cdist(firstTwo, dest, { radius: 1 });
    const expected = [...rows.subarray(1, m), ...rows.subarray(m + 2, 2 * m)];
    expect([...tile]).toEqual(expected);
  });

  it("recomputes when the same arrays are modified between calls (cache by content)", () => {
    setHaversineBackend(backend);
    const pts = { lat: new Float64Array([0, 0, 0]), lon: new Float64Array([0, 90, 180]) };
    const quarter = (Math.PI / 2) * 6371.0088;
    const first = pdist(pts);
    for (const [k, x] of [1, 2, 1].entries()) expect(first[k]! / quarter).toBeCloseTo(x, 11);
    pts.lon[2] = 90;
    expect(pdist(pts)[2]).toBe(0);
    const copy = { lat: pts.lat.slice(), lon: pts.lon.slice() };
    copy.lat[0] = 90;
    expect(pdist(copy)[0]).toBeCloseTo(quarter, 6);
  });
});

it.skipIf(!backends.includes("wasm"))(
  "the WebAssembly and JavaScript backends give bit-identical results, near antipodes too (property)",
  () => {
    fc.assert(
      fc.property(cloud, fc.array(anywhere, { maxLength: 40 }), (points, more) => {
        const all = [...points, ...more];
        const table = {
          lat: Float64Array.from(all, (p) => p[0]),
          lon: Float64Array.from(all, (p) => p[1]),
        };
        setHaversineBackend("wasm");
        const wasm = pdist(table);
        setHaversineBackend("js");
        const js = pdist(table);
        setHaversineBackend(undefined);
        expect([...wasm]).toEqual([...js]);
      }),
      { numRuns: 300 },
    );
  },
);

it("WebAssembly SIMD is used where the runtime supports it", () => {
  setHaversineBackend(undefined);
  expect(haversineBackend()).toBe(typeof WebAssembly === "object" ? "wasm" : "js");
});
