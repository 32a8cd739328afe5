import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  computeMatrix,
  createExecutor,
  type Dtype,
  type Executor,
  executorNames,
  npyHeader,
  planTiles,
  writeMatrix,
} from "../src/index.ts";
import { table } from "./_helpers.ts";

// `.npy` written to a file: worker threads write their tiles straight into the temp file at
// each tile's byte position. The bytes must be exactly the header plus the in-memory matrix.

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-npy-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.DMX_CRASH_TILE;
});

const rows: [string, number, number][] = [];
for (let i = 0; i < 50; i++) {
  rows.push([`p${i}`, ((i * 37) % 179) - 89.5, ((i * 53) % 359) - 179.5]);
}
const places = table(rows);
const n = places.names.length;

/** The header and the bytes of the matrix computed in memory on the main thread. */
async function expected(dtype: Dtype, square: boolean): Promise<Uint8Array> {
  const values = await computeMatrix(
    { origins: { lat: places.lat, lon: places.lon }, dtype, square },
    { executor: "sequential" },
  );
  const header = npyHeader(dtype, square ? [n, n] : [(n * (n - 1)) / 2]);
  const out = new Uint8Array(header.length + values.byteLength);
  out.set(header);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), header.length);
  return out;
}

const noTempFiles = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe.each(executorNames)("%s: npy to a file", (name) => {
  let executor: Executor;
  beforeAll(async () => {
    executor = await createExecutor(name, { threads: 2 });
  });
  afterAll(async () => {
    await executor.close();
  });
  const cases: [Dtype, boolean][] = [
    ["float64", false],
    ["float32", false],
    ["float64", true],
    ["float32", true],
  ];
  it.each(cases)("%s, square %s: the bytes of the in-memory matrix", async (dtype, square) => {
    const output = join(dir, `${name}-${dtype}-${square}.npy`);
    const progress: number[] = [];
    // Small tiles: many of them, finishing in any order.
    const tileValues = name === "worker-per-task" ? 300 : 37;
    const result = await writeMatrix({
      input: places,
      output,
      format: "npy",
      dtype,
      square,
      executor,
      tileValues,
      onProgress: (p) => progress.push(p.done),
    });
    const want = await expected(dtype, square);
    const got = new Uint8Array(readFileSync(output));
    expect(got.length).toBe(want.length);
    expect(Buffer.compare(got, want)).toBe(0);
    expect(result.bytes).toBe(want.length);
    const total = square ? n * n : (n * (n - 1)) / 2;
    expect(result.values).toBe(total);
    expect(progress.at(-1)).toBe(total);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(noTempFiles()).toEqual([]);
  });
});

describe("from a CSV file (workers started while it is read)", () => {
  /** A CSV file of `count` places, and the coordinates it holds. */
  function csv(name: string, count: number, pad = "") {
    const path = join(dir, name);
    const lines = ["name,latitude,longitude"];
    const lat = new Float64Array(count);
    const lon = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const a = (((i * 37) % 179) - 89.5).toFixed(3);
      const b = (((i * 53) % 359) - 179.5).toFixed(3);
      lines.push(`p${i}${pad},${a},${b}`);
      lat[i] = Number(a);
      lon[i] = Number(b);
    }
    writeFileSync(path, `${lines.join("\n")}\n`);
    return { path, points: { lat, lon } };
  }

  it.each(["auto", "shared", "thread-pool"] as const)("%s", async (executor) => {
    const { path: input, points } = csv(`in-${executor}.csv`, 700);
    const output = join(dir, `from-csv-${executor}.npy`);
    const result = await writeMatrix({ input, output, format: "npy", executor, threads: 2 });
    expect(result.executor).toBe(executor === "auto" ? "shared" : executor);
    const want = await computeMatrix({ origins: points }, { executor: "sequential" });
    const got = readFileSync(output);
    const header = npyHeader("float64", [want.length]);
    expect(Buffer.compare(got.subarray(0, header.length), Buffer.from(header))).toBe(0);
    expect(Buffer.compare(got.subarray(header.length), Buffer.from(want.buffer))).toBe(0);
  });

  it("auto guessed wrong from the file size (long names): the right executor runs", async () => {
    // 600 rows of ~200 bytes look like ~2,500 rows: "auto" starts `shared` early, but
    // 600 places are 179,700 pairs, below AUTO_SHARED_PAIRS, so `sequential` runs.
    const { path: input, points } = csv("long-names.csv", 600, "x".repeat(180));
    const output = join(dir, "long-names.npy");
    const result = await writeMatrix({ input, output, format: "npy", threads: 2 });
    expect(result.executor).toBe("sequential");
    const want = await computeMatrix({ origins: points }, { executor: "sequential" });
    const got = readFileSync(output);
    expect(got.length).toBe(npyHeader("float64", [want.length]).length + want.byteLength);
    expect(
      Buffer.compare(got.subarray(got.length - want.byteLength), Buffer.from(want.buffer)),
    ).toBe(0);
  });
});

describe("worker threads write the tiles themselves", () => {
  it.each(["shared", "thread-pool", "workerpool", "worker-per-task", "process"] as const)(
    "%s",
    async (name) => {
      const executor = await createExecutor(name, { threads: 2 });
      const path = join(dir, `direct-${name}.bin`);
      const fd = openSync(path, "w");
      const start = 5;
      try {
        const tiles = planTiles("condensed", n, n, name === "worker-per-task" ? 400 : 100);
        const job = {
          kernel: {
            layout: "condensed" as const,
            origins: { lat: places.lat, lon: places.lon },
            options: {},
          },
          dtype: "float64" as const,
          file: { fd, start, pid: process.pid },
        };
        const seen: number[] = [];
        for await (const r of executor.run(job, tiles)) {
          seen.push(r.tile.index);
          // A child process cannot use this process's descriptor: it answers with values.
          if (name === "process") expect(r.values?.length).toBe(r.tile.count);
          else expect(r.values).toBeUndefined();
        }
        expect(seen.sort((a, b) => a - b)).toEqual(tiles.map((t) => t.index));
        const want = await computeMatrix(
          { origins: { lat: places.lat, lon: places.lon } },
          { executor: "sequential" },
        );
        const written = readFileSync(path);
        if (name === "process") expect(written.length).toBe(0);
        else {
          expect(written.length).toBe(start + want.byteLength);
          expect(Buffer.compare(written.subarray(start), Buffer.from(want.buffer))).toBe(0);
        }
      } finally {
        closeSync(fd);
        await executor.close();
      }
    },
    60_000,
  );
});

describe("a failed or aborted npy run leaves no file", () => {
  const workers = ["shared", "thread-pool", "workerpool", "worker-per-task", "process"] as const;

  it.each(workers)("%s: a worker crash (DMX_CRASH_TILE)", async (executor) => {
    process.env.DMX_CRASH_TILE = "2";
    const output = join(dir, `crash-${executor}.npy`);
    await expect(
      writeMatrix({
        input: places,
        output,
        format: "npy",
        executor,
        threads: 2,
        tileValues: executor === "worker-per-task" ? 300 : 50,
      }),
    ).rejects.toMatchObject({ code: "WORKER_CRASHED" });
    expect(existsSync(output)).toBe(false);
    expect(noTempFiles()).toEqual([]);
  });

  it.each(["sequential", ...workers] as const)("%s: abort after the first tile", async (name) => {
    const output = join(dir, `abort-${name}.npy`);
    const controller = new AbortController();
    const executor = await createExecutor(name, { threads: 2 });
    try {
      await expect(
        writeMatrix({
          input: places,
          output,
          format: "npy",
          executor,
          tileValues: name === "worker-per-task" ? 300 : 20,
          signal: controller.signal,
          onProgress: () => controller.abort(new Error("stop")),
        }),
      ).rejects.toThrow("stop");
    } finally {
      await executor.close();
    }
    expect(existsSync(output)).toBe(false);
    expect(noTempFiles()).toEqual([]);
  });

  it("an error in onProgress: the tiles in flight settle, then the temp file goes", async () => {
    const executor = await createExecutor("shared", { threads: 2 });
    const output = join(dir, "progress-throws.npy");
    try {
      await expect(
        writeMatrix({
          input: places,
          output,
          format: "npy",
          executor,
          tileValues: 20,
          onProgress: () => {
            throw new Error("progress failed");
          },
        }),
      ).rejects.toThrow("progress failed");
      expect(existsSync(output)).toBe(false);
      expect(noTempFiles()).toEqual([]);
      // The executor (not owned by the run) still works afterwards.
      const again = join(dir, "after.npy");
      await writeMatrix({ input: places, output: again, format: "npy", executor });
      expect(Buffer.compare(readFileSync(again), await expected("float64", false))).toBe(0);
    } finally {
      await executor.close();
    }
  });
});
