import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExecutorError, type Layout, planTiles } from "../src/index.ts";
import {
  layoutSize,
  rowCount,
  rowLength,
  rowOffset,
  shardBoundary,
  shardRange,
} from "../src/internal.ts";

// The slicing law of `--shard k/K`: the K slices partition the rows in output order, and
// each boundary is the first row whose offset reaches ceil(total · j / K), so every slice
// holds total / K values give or take less than one row.

const layouts: Layout[] = ["condensed", "lower", "square", "rect"];

function longestRow(layout: Layout, n: number, m: number): number {
  let longest = 0;
  for (let r = 0; r < rowCount(layout, n, m); r++) {
    longest = Math.max(longest, rowLength(layout, n, m, r));
  }
  return longest;
}

function checkLaw(layout: Layout, n: number, m: number, K: number): void {
  const total = layoutSize(layout, n, m) + 0;
  const rows = rowCount(layout, n, m);
  const longest = longestRow(layout, n, m);
  let row = 0;
  let offset = 0;
  for (let k = 1; k <= K; k++) {
    const s = shardRange(layout, n, m, { index: k, count: K });
    // Contiguous and in order: each slice starts where the previous one ended.
    expect(s.rowStart).toBe(row);
    expect(s.offset).toBe(offset);
    expect(s.rowEnd).toBeGreaterThanOrEqual(s.rowStart);
    expect(s.count).toBe(rowOffset(layout, n, m, s.rowEnd) - s.offset + 0);
    // Balanced by pairs: within one row's worth of the ideal share.
    expect(Math.abs(s.count - total / K)).toBeLessThanOrEqual(longest);
    if (k < K) {
      const want = Math.ceil((total * k) / K - 1e-9);
      expect(rowOffset(layout, n, m, s.rowEnd)).toBeGreaterThanOrEqual(want);
      if (s.rowEnd > 0) expect(rowOffset(layout, n, m, s.rowEnd - 1)).toBeLessThan(want);
    }
    row = s.rowEnd;
    offset += s.count;
  }
  expect(row).toBe(rows);
  expect(offset).toBe(total);
}

describe("shardRange", () => {
  it("partitions the pairs in order, each slice within one row of total / K (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 100 }),
        (layout, n, m, K) => checkLaw(layout, n, m, K),
      ),
      { numRuns: 400 },
    );
  });

  it("balances the triangle by pairs, not rows: the first slice has fewer rows", () => {
    // 1,000 places condensed: 499,500 pairs; row 0 has 999 of them, the last row 1.
    const first = shardRange("condensed", 1000, 1000, { index: 1, count: 4 });
    const last = shardRange("condensed", 1000, 1000, { index: 4, count: 4 });
    expect(first.rowEnd - first.rowStart).toBeLessThan(last.rowEnd - last.rowStart);
    expect(Math.abs(first.count - 499_500 / 4)).toBeLessThan(1000);
    expect(Math.abs(last.count - 499_500 / 4)).toBeLessThan(1000);
    // The workshop's order (lower) is the mirror image: its first rows are the short ones.
    const lower = shardRange("lower", 1000, 1000, { index: 1, count: 4 });
    expect(lower.rowEnd - lower.rowStart).toBeGreaterThan(first.rowEnd - first.rowStart);
  });

  it("stays exact where total · k passes 2^53 (100,000 places, 999,999 slices)", () => {
    const n = 100_000;
    const total = (n * (n - 1)) / 2;
    const K = 999_999;
    const j = 777_777;
    const b = shardBoundary("condensed", n, n, j, K);
    const want = (BigInt(total) * BigInt(j) + BigInt(K) - 1n) / BigInt(K);
    expect(BigInt(rowOffset("condensed", n, n, b))).toBeGreaterThanOrEqual(want);
    expect(BigInt(rowOffset("condensed", n, n, b - 1))).toBeLessThan(want);
  });

  it("gives empty slices, never overlapping ones, when K exceeds the rows", () => {
    checkLaw("condensed", 3, 3, 10);
    const counts = Array.from(
      { length: 10 },
      (_, i) => shardRange("condensed", 3, 3, { index: i + 1, count: 10 }).count,
    );
    expect(counts.reduce((a, b) => a + b)).toBe(3);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(0);
  });

  it.each([
    [0, 4],
    [5, 4],
    [1.5, 4],
    [1, 0],
    [-1, 3],
    [1, 1_000_001],
    [Number.NaN, 2],
  ])("refuses slice %s of %s (1-based, 1 <= k <= K)", (index, count) => {
    expect(() => shardRange("condensed", 10, 10, { index, count })).toThrow(ExecutorError);
    try {
      shardRange("condensed", 10, 10, { index, count });
    } catch (error) {
      expect((error as ExecutorError).code).toBe("BAD_OPTION");
    }
  });
});

describe("planTiles with a row range", () => {
  it("plans only the slice's rows, with their offsets in the whole output (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 300 }),
        (layout, n, m, K, tileValues) => {
          const whole = layoutSize(layout, n, m) + 0;
          let covered = 0;
          for (let k = 1; k <= K; k++) {
            const s = shardRange(layout, n, m, { index: k, count: K });
            const tiles = planTiles(layout, n, m, tileValues, Number.POSITIVE_INFINITY, s);
            let offset = s.offset;
            let row = s.rowStart;
            tiles.forEach((t, i) => {
              expect(t.index).toBe(i);
              expect(t.rowStart).toBe(row);
              expect(t.offset).toBe(offset);
              row = t.rowEnd;
              offset += t.count;
            });
            if (tiles.length > 0) expect(row).toBe(s.rowEnd);
            expect(offset - s.offset).toBe(s.count);
            covered += s.count;
          }
          expect(covered).toBe(whole);
        },
      ),
      { numRuns: 200 },
    );
  });
});
