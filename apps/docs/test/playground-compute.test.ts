// The playground's DOM-free parts in Node: tiling, main thread vs pool, lookups, colours.
import { haversine, parseLocations } from "@dmx/geo";
import { ThreadPool } from "@dmx/thread-pool";
import { afterAll, describe, expect, it } from "vitest";
import {
  computeInWorkers,
  computeOnMainThread,
  distanceAt,
  heatColor,
  heatTextColor,
  rowTiles,
  SAMPLE_CSV,
} from "../src/playground/compute.ts";
import { rowOffset } from "../src/playground/tasks.ts";

const pool = new ThreadPool(new URL("../src/playground/tasks.ts", import.meta.url), { size: 2 });
afterAll(() => pool.close());

function randomCsv(n: number): string {
  let s = 7;
  const next = () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
  const rows = Array.from(
    { length: n },
    (_, i) => `p${i},${(next() * 180 - 90).toFixed(6)},${(next() * 360 - 180).toFixed(6)}`,
  );
  return `name,latitude,longitude\n${rows.join("\n")}\n`;
}

describe("rowTiles", () => {
  it.each([
    [0, 4],
    [1, 4],
    [2, 4],
    [3, 8],
    [10, 3],
    [101, 8],
    [1000, 16],
  ])("n=%i parts=%i: contiguous non-empty tiles covering every row once", (n, parts) => {
    const tiles = rowTiles(n, parts);
    const rows = Math.max(0, n - 1);
    expect(tiles.length).toBeLessThanOrEqual(parts);
    let next = 0;
    for (const [start, end] of tiles) {
      expect(start).toBe(next);
      expect(end).toBeGreaterThan(start);
      next = end;
    }
    expect(next).toBe(rows);
  });

  it("balances pairs, not rows: no tile of 1000 points over 8 parts holds twice its share", () => {
    const n = 1000;
    const share = rowOffset(n, n - 1) / 8;
    for (const [start, end] of rowTiles(n, 8)) {
      expect(rowOffset(n, end) - rowOffset(n, start)).toBeLessThan(2 * share);
    }
  });
});

describe("computing the matrix", () => {
  it("the 3-city sample on the main thread: 2337.87 km from ann arbor to pleasant grove", () => {
    const table = parseLocations(SAMPLE_CSV);
    const result = computeOnMainThread(table, "haversine");
    expect(result.names).toEqual(["ann arbor", "pleasant grove", "boston"]);
    expect(result.distances[0]!.toFixed(2)).toBe("2337.87");
    expect(result.mode).toBe("main");
  });

  it.each(["haversine", "equirectangular", "geodesic"] as const)(
    "%s: the pool's row tiles stitch into exactly the main thread's vector",
    async (metric) => {
      const table = parseLocations(randomCsv(157));
      const main = computeOnMainThread(table, metric);
      const workers = await computeInWorkers(table, metric, pool);
      expect(workers.mode).toBe("workers");
      expect(Array.from(workers.distances)).toEqual(Array.from(main.distances));
    },
  );

  it("distanceAt reads both orders and the zero diagonal, matching the scalar haversine to 1e-9", () => {
    const table = parseLocations(randomCsv(9));
    const { distances } = computeOnMainThread(table, "haversine");
    const at = (i: number) => ({ latitude: table.lat[i]!, longitude: table.lon[i]! });
    for (let i = 0; i < 9; i++) {
      expect(distanceAt(9, distances, i, i)).toBe(0);
      for (let j = 0; j < 9; j++) {
        if (i === j) continue;
        // The batch kernel agrees with the scalar formula to 1e-9 relative (ARCHITECTURE.md, "Metrics").
        const scalar = haversine(at(i), at(j));
        expect(Math.abs(distanceAt(9, distances, i, j) - scalar)).toBeLessThanOrEqual(
          1e-9 * scalar,
        );
      }
    }
  });
});

describe("heatColor", () => {
  it("goes from pale (near) to dark (far) and clamps out-of-range values", () => {
    const light = (c: string) => Number(c.match(/ (\d+)%\)$/)![1]);
    expect(light(heatColor(0, 100))).toBeGreaterThan(light(heatColor(50, 100)));
    expect(light(heatColor(50, 100))).toBeGreaterThan(light(heatColor(100, 100)));
    expect(heatColor(-5, 100)).toBe(heatColor(0, 100));
    expect(heatColor(500, 100)).toBe(heatColor(100, 100));
    expect(heatColor(3, 0)).toBe(heatColor(0, 100));
  });
});

describe("heat-map contrast", () => {
  // WCAG 2 relative luminance and contrast ratio.
  const hslToRgb = (h: number, s: number, l: number) => {
    const a = s * Math.min(l, 1 - l);
    const f = (n: number) => {
      const k = (n + h / 30) % 12;
      return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    };
    return [f(0), f(8), f(4)];
  };
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const parse = (c: string) => {
    const [, h, s, l] = c.match(/^hsl\((\d+) (\d+)% (\d+)%\)$/)!.map(Number);
    return hslToRgb(h!, s! / 100, l! / 100);
  };
  const hex = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16) / 255);

  it("every cell's text has a contrast of at least 4.5:1 against its background", () => {
    for (let v = 0; v <= 100; v++) {
      const bg = luminance(parse(heatColor(v, 100)));
      const fg = luminance(hex(heatTextColor(v, 100)));
      const ratio = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
      expect(ratio, `value ${v}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
