import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  condensedIndex,
  condensedLength,
  condensedPair,
  lowerTrianglePairs,
} from "../src/index.ts";

describe("condensed indexing (SciPy pdist order)", () => {
  it("lists pairs row by row: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3) for n = 4", () => {
    const pairs = Array.from({ length: condensedLength(4) }, (_, k) => condensedPair(4, k));
    expect(pairs).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(pairs.map(([i, j]) => condensedIndex(4, i, j))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("has n(n-1)/2 entries", () => {
    expect([0, 1, 2, 3, 10, 10_000].map(condensedLength)).toEqual([0, 0, 1, 3, 45, 49_995_000]);
  });

  it("round-trips index → pair → index for any n and k (property)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 3_000_000 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.integer({ min: 0, max: condensedLength(n) - 1 })),
          ),
        ([n, k]) => {
          const [i, j] = condensedPair(n, k);
          expect(0 <= i && i < j && j < n).toBe(true);
          expect(condensedIndex(n, i, j)).toBe(k);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("round-trips at row boundaries of large n, where square roots round", () => {
    for (const n of [2, 3, 65_536, 94_906_265]) {
      for (const i of [0, 1, Math.floor(n / 2), n - 2].filter((i) => i <= n - 2)) {
        for (const j of [i + 1, n - 1]) {
          const k = condensedIndex(n, i, j);
          expect(condensedPair(n, k)).toEqual([i, j]);
        }
      }
    }
  });

  it.each([
    [4, 1, 1],
    [4, 2, 1],
    [4, -1, 2],
    [4, 0, 4],
    [4, 0.5, 2],
  ])("condensedIndex(%s, %s, %s) throws: needs 0 <= i < j < n", (n, i, j) => {
    expect(() => condensedIndex(n, i, j)).toThrow(RangeError);
    expect(() => condensedIndex(n, i, j)).toThrow("condensedIndex needs integers 0 <= i < j < n");
  });

  it("condensedPair rejects k outside the vector, and bad n", () => {
    expect(() => condensedPair(4, 6)).toThrow(
      "condensedPair needs an integer 0 <= k < 6; got k=6 (n=4)",
    );
    expect(() => condensedPair(4, -1)).toThrow(RangeError);
    expect(() => condensedPair(1, 0)).toThrow("0 <= k < 0");
    expect(() => condensedLength(-1)).toThrow("n must be a non-negative integer, got -1");
    expect(() => condensedLength(2.5)).toThrow(RangeError);
    expect(() => condensedLength(94_906_267)).toThrow("n = 94906267 is too large");
  });
});

describe("lowerTrianglePairs", () => {
  it("follows the workshop order: for each j, every i < j", () => {
    expect([...lowerTrianglePairs(4)]).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
  });

  it("is empty for fewer than two points and yields every pair once", () => {
    expect([...lowerTrianglePairs(0)]).toEqual([]);
    expect([...lowerTrianglePairs(1)]).toEqual([]);
    const n = 37;
    const seen = new Set<number>();
    for (const [i, j] of lowerTrianglePairs(n)) seen.add(condensedIndex(n, i, j));
    expect(seen.size).toBe(condensedLength(n));
  });

  it("rejects a bad count when iterated", () => {
    expect(() => [...lowerTrianglePairs(-2)]).toThrow(RangeError);
  });
});

describe("deprecated names", () => {
  it("workshopPairs and workshopRows are the renamed lowerTrianglePairs and lowerTriangleRows", async () => {
    const geo = await import("../src/index.ts");
    expect(geo.workshopPairs).toBe(geo.lowerTrianglePairs);
    expect(geo.workshopRows).toBe(geo.lowerTriangleRows);
  });
});
