import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { writeMatrix } from "../src/index.ts";
import { table } from "./_helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.DMX_CRASH_TILE;
});

const rows: [string, number, number][] = [];
for (let i = 0; i < 60; i++) rows.push([`p${i}`, ((i * 7) % 180) - 90, ((i * 13) % 360) - 180]);
const places = table(rows);

describe("a worker that dies fails the run cleanly", () => {
  it.each(["thread-pool", "shared", "worker-per-task", "workerpool", "process"] as const)(
    "%s: WORKER_CRASHED, no output, no temp file",
    async (executor) => {
      // Fault injection: the worker computing tile 2 exits abruptly (see src/executors/_tasks.ts).
      process.env.DMX_CRASH_TILE = "2";
      const output = join(dir, `${executor}.csv`);
      await expect(
        writeMatrix({ input: places, output, executor, threads: 2, tileValues: 100 }),
      ).rejects.toMatchObject({ code: "WORKER_CRASHED" });
      expect(existsSync(output)).toBe(false);
      expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    },
  );
});
