import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeFixed, writeShortest } from "../src/index.ts";

const buf = new Uint8Array(256);
const decoder = new TextDecoder();
const shortest = (x: number) => decoder.decode(buf.subarray(0, writeShortest(buf, 0, x)));
const fixed = (x: number, d: number) => decoder.decode(buf.subarray(0, writeFixed(buf, 0, x, d)));

const shortestCases: [number, string][] = [
  [0, "0"],
  [1, "1"],
  [100, "100"],
  [0.1, "0.1"],
  [1e-6, "0.000001"],
  [1e-7, "1e-7"],
  [1e21, "1e+21"],
  [123456789012345.67, "123456789012345.67"],
  [20015.086796020572, "20015.086796020572"],
  [-2.5, "-2.5"],
  [Number.NaN, "NaN"],
  [Number.POSITIVE_INFINITY, "Infinity"],
];

describe("writeShortest", () => {
  it.each(shortestCases)("%s → %s", (x, text) => {
    expect(shortest(x)).toBe(text);
  });

  it("writes exactly String(x) for any double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(shortest(x)).toBe(String(x));
      }),
      { numRuns: 5_000 },
    );
  });

  it("writes exactly String(x) for distances in every unit", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 4.1e7, noNaN: true }), (x) => {
        expect(shortest(x)).toBe(String(x));
        expect(Number(shortest(x))).toBe(x);
      }),
      { numRuns: 5_000 },
    );
  });

  // Regression: exact ties at 16/17 digits (x·10^k ending in .5) are broken by V8 its own way.
  it.each([942438112427 + 0.65625, 78463535901 + 0.515625, 22759659023975 + 0.3125, 5e-7, 9.5])(
    "tie %s matches String",
    (x) => {
      expect(shortest(x)).toBe(String(x));
    },
  );
});

describe("writeFixed", () => {
  it("writes exactly x.toFixed(d)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (x, d) => {
          expect(fixed(x, d)).toBe(x.toFixed(d));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  const fixedCases: [number, number, string][] = [
    [5e-7, 6, "0.000000"],
    [1.005, 2, "1.00"],
    [2.5, 0, "3"],
    [0.125, 2, "0.13"],
    [1234.5678, 3, "1234.568"],
    [-1.5, 1, "-1.5"],
  ];
  it.each(fixedCases)("%s.toFixed(%s) = %s", (x, d, text) => {
    expect(fixed(x, d)).toBe(text);
  });
});
