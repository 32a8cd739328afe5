import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeMatrix,
  createExecutor,
  type Dtype,
  type Executor,
  executorNames,
  writeMatrix,
} from "../src/index.ts";
import { npyHeader } from "../src/internal.ts";
import { expected, n, places } from "./_npy-places.ts";

// `.npy` written to a file: worker threads write their tiles straight into the temp file at
// each tile's byte position. The bytes must be exactly the header plus the in-memory matrix.
// (Worker-side writes, crashes and aborts: npy-file-faults.node.test.ts, Node only.)

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-npy-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
