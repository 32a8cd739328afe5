// The Executor interface as another package sees it: an executor written against the public
// API alone (here one that serialises every tile job and computes it "elsewhere", as a
// cluster coordinator would) is driven by writeMatrix and computeMatrix with the same bytes
// as the built-in ones; its preferred tile size is used; computeTile equals runTile.
import type { LocationTable } from "@dmx/geo";
import { randomLocationTable as randomTable } from "@dmx/geo";
import { describe, expect, it } from "vitest";
import {
  computeMatrix,
  computeTile,
  createExecutor,
  type Executor,
  type ExecutorRunOptions,
  type OutputFormat,
  planOutput,
  planTiles,
  runTile,
  sequentialExecutor,
  sharedArray,
  type Tile,
  type TileJob,
  type TileResult,
  writeMatrix,
} from "../src/index.ts";
import { splitTile } from "../src/plan/index.ts";
import { memoryStream } from "./_helpers.ts";

/** A job through structured clone (what a queue or a socket would carry), then rebuilt. */
function overTheWire(job: TileJob): TileJob {
  return structuredClone(job);
}

/** An executor of "another package": every tile computed from a copied job, one at a time. */
function remoteExecutor(tileValues: number, seen: Tile[]): Executor {
  return {
    name: "remote-sim",
    threads: 1,
    notes: ["remote-sim: one tile at a time"],
    tileValues,
    async *run(job: TileJob, tiles: readonly Tile[], options: ExecutorRunOptions = {}) {
      for (const tile of tiles) {
        options.signal?.throwIfAborted();
        seen.push(tile);
        const result: TileResult = { tile, ...runTile(overTheWire(job), tile) };
        if (options.target && result.values) options.target.set(result.values, tile.offset);
        yield result;
      }
    },
    async close() {},
  };
}

const table: LocationTable = randomTable(40, 7);

describe("an Executor from another package", () => {
  it.each(["pairs", "matrix", "npy", "json"] as OutputFormat[])(
    "writeMatrix (%s) writes the same bytes as sequential, in the executor's tile size",
    async (format) => {
      const seen: Tile[] = [];
      const remote = remoteExecutor(100, seen);
      const a = memoryStream();
      const b = memoryStream();
      const result = await writeMatrix({ input: table, output: a, format, executor: remote });
      await writeMatrix({ input: table, output: b, format, executor: "sequential" });
      expect(a.bytes()).toEqual(b.bytes());
      expect(result.executor).toBe("remote-sim");
      expect(result.notes).toContain("remote-sim: one tile at a time");
      expect(seen.length).toBeGreaterThan(3);
      for (const t of seen.slice(0, -1)) expect(t.count).toBeLessThan(100 + 40);
    },
  );

  it("computeMatrix fills a caller-supplied array (also a shared one) with the same numbers", async () => {
    const expected = await computeMatrix({ origins: table }, { executor: "sequential" });
    const out = new Float64Array(expected.length);
    const got = await computeMatrix({ origins: table }, { executor: remoteExecutor(64, []), out });
    expect(got).toBe(out);
    expect(out).toEqual(expected);
    const shared = await createExecutor("shared", { threads: 2 });
    try {
      const sab = sharedArray("float64", expected.length);
      await computeMatrix({ origins: table }, { executor: shared, out: sab });
      expect(Array.from(sab)).toEqual(Array.from(expected));
    } finally {
      await shared.close();
    }
  });

  it("computeMatrix refuses an `out` of the wrong length or type", async () => {
    await expect(
      computeMatrix({ origins: table }, { executor: "sequential", out: new Float64Array(3) }),
    ).rejects.toThrow(/out must be a Float64Array of 780 values/);
    await expect(
      computeMatrix(
        { origins: table, dtype: "float32" },
        { executor: "sequential", out: new Float64Array(780) },
      ),
    ).rejects.toThrow(/Float32Array/);
  });
});

describe("computing a tile on another machine", () => {
  it.each(["pairs", "json", "npy"] as OutputFormat[])(
    "%s: planOutput rebuilds the job; computeTile over a local executor equals runTile",
    async (format) => {
      const plan = planOutput({ format }, table, undefined);
      const tiles = planTiles(plan.layout, 40, 40, 300);
      const local = await createExecutor("shared", { threads: 2 });
      try {
        for (const tile of tiles) {
          const job = overTheWire(plan.job);
          const one = runTile(job, tile);
          const many = await computeTile(job, tile, local, { tileValues: 50 });
          if (one.bytes)
            expect(new TextDecoder().decode(many.bytes)).toBe(new TextDecoder().decode(one.bytes));
          else expect(Array.from(many.values!)).toEqual(Array.from(one.values!));
        }
      } finally {
        await local.close();
      }
    },
  );

  it("splitTile covers exactly the tile's rows and values, offsets kept", () => {
    for (const tile of planTiles("lower", 50, 50, 200)) {
      const parts = splitTile("lower", 50, 50, tile, 30);
      expect(parts[0]!.rowStart).toBe(tile.rowStart);
      expect(parts.at(-1)!.rowEnd).toBe(tile.rowEnd);
      expect(parts[0]!.offset).toBe(tile.offset);
      expect(parts.reduce((s, p) => s + p.count, 0)).toBe(tile.count);
      for (let k = 1; k < parts.length; k++) {
        expect(parts[k]!.rowStart).toBe(parts[k - 1]!.rowEnd);
        expect(parts[k]!.offset).toBe(parts[k - 1]!.offset + parts[k - 1]!.count);
      }
    }
  });

  it("the main-thread executors have no warmUp; sequential still runs", async () => {
    expect(sequentialExecutor().warmUp).toBeUndefined();
    expect((await createExecutor("async")).warmUp).toBeUndefined();
  });
});
