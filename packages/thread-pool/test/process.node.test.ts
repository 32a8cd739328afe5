import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// These tests use the pool as built by `tsc -p tsconfig.build.json` (built here into a temp
// directory, outside any node_modules tree), loaded by plain `node` with no TypeScript loader.
const packageDir = fileURLToPath(new URL("../", import.meta.url));
const child = fileURLToPath(new URL("./fixtures/exit-child.mjs", import.meta.url));
const plainTasks = new URL("./fixtures/plain-tasks.mjs", import.meta.url).href;
let outDir = "";

function runChild(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // A child that does not exit by itself is killed after 20 s and the test fails.
    const env = { ...process.env };
    delete env.NODE_PATH; // tsx must only be found through real node_modules lookups
    delete env.NODE_OPTIONS;
    execFile(
      process.execPath,
      [child, ...args],
      { timeout: 20_000, env },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number; signal?: string }) | null;
        resolve({
          code: e ? (typeof e.code === "number" ? e.code : null) : 0,
          signal: e?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe("the built pool in a child process", () => {
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), "dmx-thread-pool-"));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(
      process.execPath,
      [
        tsc,
        "-p",
        "tsconfig.build.json",
        "--outDir",
        outDir,
        "--declaration",
        "false",
        "--declarationMap",
        "false",
        "--sourceMap",
        "false",
      ],
      { cwd: packageDir },
    );
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const poolUrl = () => pathToFileURL(join(outDir, "index.js")).href;

  it("exits on its own after close()", async () => {
    const result = await runChild([poolUrl(), plainTasks, "close"]);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(result.stdout)).toEqual({ sum: 999 * 999 + 1, workers: 0 });
  });

  it("exits on its own even without close(): idle workers do not hold the process", async () => {
    const result = await runChild([poolUrl(), plainTasks, "no-close"]);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(result.stdout).sum).toBe(999 * 999 + 1);
  });

  it("a .ts task module without tsx: clear error on Node without type stripping, runs otherwise", async () => {
    const tsTasks = join(outDir, "tasks.ts");
    writeFileSync(tsTasks, "export function add(a: number, b: number): number { return a + b; }\n");
    const result = await runChild([poolUrl(), pathToFileURL(tsTasks).href, "ts-task"]);
    expect(result).toMatchObject({ code: 0, signal: null });
    const out = JSON.parse(result.stdout);
    const features = process.features as { typescript?: unknown };
    if (features.typescript) {
      expect(out).toEqual({ ok: 5 });
    } else {
      expect(out.code).toBe("ERR_TASK_MODULE_LOAD");
      expect(out.message).toContain(`on Node ${process.version}`);
      expect(out.message).toContain("install tsx");
    }
  });

  it("a .ts task module beside an installed tsx loads even when the pool cannot see tsx", async () => {
    const tasks = new URL("./fixtures/tasks.ts", import.meta.url).href;
    const result = await runChild([poolUrl(), tasks, "ts-task"]);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(result.stdout)).toEqual({ ok: 5 });
  });
});
