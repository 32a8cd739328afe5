import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { computeMatrix, createExecutor, planTiles, writeMatrix } from "../src/index.ts";
import { expected, n, places } from "./_npy-places.ts";

// `.npy` to a file, Node only: worker threads write into the main thread's file descriptor
// (under Deno descriptors are per-isolate resource ids, so the main thread writes there), and
// the DMX_CRASH_TILE fault injection exits a worker (as crash.node.test.ts).

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-npy-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.DMX_CRASH_TILE;
});

const noTempFiles = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

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
