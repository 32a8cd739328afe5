// The run and result encodings, and the worker's tile split: round trips, and untrusted
// bytes rejected with a ClusterError (never another exception, never a crash).
import { planTiles, type TileJob } from "@dmx/executors";
import { encodeNames } from "@dmx/executors/internal";
import { randomLocationTable } from "@dmx/geo";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitTile } from "../src/_compute-tile.ts";
import { ClusterError } from "../src/_errors.ts";
import {
  decodeResult,
  encodeResult,
  frameResult,
  RESULT_HEADER,
  resultBody,
} from "../src/_result-codec.ts";
import { decodeRun, encodeRun } from "../src/_run-codec.ts";
import { clusterTileValues, MIN_TILE_VALUES, MIN_TILES } from "../src/_tile-size.ts";

const table = randomLocationTable(40, 5);
const points = { lat: table.lat, lon: table.lon };
const pairsJob: TileJob = {
  kernel: { layout: "lower", origins: points, options: { metric: "geodesic", unit: "mi" } },
  dtype: "float64",
  text: { format: "pairs", precision: 2, rowNames: encodeNames(table.names) },
};
const rectJob: TileJob = {
  kernel: { layout: "rect", origins: points, destinations: points, options: { radius: 6000 } },
  dtype: "float32",
  text: {
    format: "matrix",
    rowNames: encodeNames(table.names),
    colNames: encodeNames(table.names),
  },
};
const npyJob: TileJob = {
  kernel: { layout: "condensed", origins: points, options: {} },
  dtype: "float64",
};

describe("run encoding", () => {
  it.each([
    ["pairs", pairsJob],
    ["matrix x destinations", rectJob],
    ["npy", npyJob],
  ] as const)("%s: decode(encode(job, tiles)) gives the job and the tiles back", (_, job) => {
    const tiles = planTiles(job.kernel.layout, 40, 40, 97);
    const back = decodeRun(encodeRun(job, tiles));
    expect(back.tiles).toEqual(tiles);
    expect(back.job.dtype).toBe(job.dtype);
    expect(back.job.kernel.layout).toBe(job.kernel.layout);
    expect(back.job.kernel.options).toEqual(job.kernel.options);
    expect([...back.job.kernel.origins.lat]).toEqual([...table.lat]);
    expect(back.job.text?.format).toBe(job.text?.format);
    expect(back.job.text?.precision).toBe(job.text?.precision);
    expect(back.job.text && [...back.job.text.rowNames.bytes]).toEqual(
      job.text && [...job.text.rowNames.bytes],
    );
  });

  it("rejects any truncation or byte flip with a ClusterError, or decodes something sane", () => {
    const good = encodeRun(pairsJob, planTiles("lower", 40, 40, 97));
    fc.assert(
      fc.property(
        fc.nat({ max: good.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        (at, xor, truncate) => {
          const bytes = truncate ? good.slice(0, at) : good.slice();
          if (!truncate) bytes[at]! ^= xor;
          try {
            const run = decodeRun(bytes);
            // A flip inside the numbers or names can still decode: then it is well formed.
            for (const t of run.tiles) expect(t.rowEnd).toBeGreaterThan(t.rowStart);
          } catch (error) {
            expect(error).toBeInstanceOf(ClusterError);
            expect((error as ClusterError).code).toBe("BAD_JOB");
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("names what is wrong", () => {
    expect(() => decodeRun(new TextEncoder().encode("hello"))).toThrow(/malformed run data/);
    expect(() => decodeRun(new TextEncoder().encode("DMXRUN1\n\x05\x00\x00\x00{}"))).toThrow(
      /malformed run data/,
    );
  });
});

describe("result encoding", () => {
  const tile = planTiles("condensed", 40, 40, 100)[2]!;
  it("round-trips values and checks index, kind and length", () => {
    const values = new Float64Array(tile.count).map((_, i) => i * 1.5);
    const stored = encodeResult(npyJob, tile.index, new Uint8Array(values.buffer));
    expect([...decodeResult(npyJob, tile, stored).values!]).toEqual([...values]);
    const other = { ...tile, index: tile.index + 1 };
    expect(() => decodeResult(npyJob, other, stored)).toThrow(/another tile's/);
    expect(() => decodeResult(pairsJob, tile, stored)).toThrow(/wrong kind/);
    expect(() => decodeResult(npyJob, tile, stored.subarray(0, stored.length - 8))).toThrow(
      /wrong length/,
    );
  });
});

describe("result framing", () => {
  const tile = planTiles("condensed", 40, 40, 100)[1]!;
  it.each([
    ["float64", npyJob],
    ["float32", { ...npyJob, dtype: "float32" } as TileJob],
  ] as const)("%s: a view when the stored values are aligned, a copy when not", (_, job) => {
    const Values = job.dtype === "float32" ? Float32Array : Float64Array;
    const values = new Values(tile.count).map((_, i) => i / 3);
    const body = new Uint8Array(values.buffer);
    for (const shift of [0, 1, 2, 4, 8]) {
      // The stored bytes at every offset of a larger buffer (as a Redis reply may be).
      const framed = Buffer.alloc(shift + RESULT_HEADER + body.length).subarray(shift);
      framed.set(body, RESULT_HEADER);
      const stored = frameResult(job, tile.index, framed);
      expect(stored.equals(encodeResult(job, tile.index, body))).toBe(true);
      const back = decodeResult(job, tile, stored).values!;
      expect(back).toBeInstanceOf(Values);
      expect([...back]).toEqual([...values]);
      const aligned = (stored.byteOffset + RESULT_HEADER) % Values.BYTES_PER_ELEMENT === 0;
      expect(back.buffer === stored.buffer).toBe(aligned);
      expect(Buffer.from(resultBody(job, tile, stored)).equals(Buffer.from(body))).toBe(true);
    }
  });
});

describe("splitTile", () => {
  it("splits a tile into pieces that cover its rows and values exactly, in order", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("condensed", "lower", "square", "rect" as const),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 9 }),
        (layout, n, target, pieces) => {
          for (const tile of planTiles(layout, n, 17, target)) {
            const parts = splitTile(layout, n, 17, tile, pieces);
            expect(parts[0]!.rowStart).toBe(tile.rowStart);
            expect(parts.at(-1)!.rowEnd).toBe(tile.rowEnd);
            expect(parts.reduce((s, p) => s + p.count, 0)).toBe(tile.count);
            parts.forEach((p, i) => {
              if (i > 0) {
                expect(p.rowStart).toBe(parts[i - 1]!.rowEnd);
                expect(p.offset).toBe(parts[i - 1]!.offset + parts[i - 1]!.count);
              }
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("clusterTileValues", () => {
  it("sizes geodesic tiles by time and spherical ones by bytes", () => {
    expect(clusterTileValues({ metric: "geodesic", format: "npy" })).toBe(294_117);
    expect(clusterTileValues({ metric: "haversine", format: "npy" })).toBe((4 << 20) / 8);
    expect(clusterTileValues({ metric: "haversine", format: "npy", dtype: "float32" })).toBe(
      (4 << 20) / 4,
    );
  });

  it("gives a run at least MIN_TILES tiles (short last tiles), unless tiles get too small", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e10 }),
        fc.constantFrom("geodesic", "haversine"),
        fc.constantFrom("npy", "pairs" as const),
        (values, metric, format) => {
          const size = clusterTileValues({ metric, format, values });
          expect(size).toBeLessThanOrEqual(clusterTileValues({ metric, format }));
          expect(size).toBeGreaterThanOrEqual(MIN_TILE_VALUES);
          if (size > MIN_TILE_VALUES) {
            expect(Math.ceil(values / size)).toBeGreaterThanOrEqual(MIN_TILES);
          }
        },
      ),
    );
    // 3,000 places, geodesic, condensed: 32 tiles of ~0.25 s, not 16 of 0.5 s.
    expect(clusterTileValues({ metric: "geodesic", format: "npy", values: 4_498_500 })).toBe(
      140_579,
    );
  });
});
