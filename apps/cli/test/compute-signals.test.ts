import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dmx, sample, start } from "./_compute.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-compute-signals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bigInput(rows: number): string {
  const path = join(dir, `big-${rows}.csv`);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++)
    lines.push(`place ${i},${((i * 37) % 1800) / 10 - 90},${((i * 53) % 3600) / 10 - 180}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Pids of the direct children of `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((p) => p > 0);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Ctrl-C mid-run leaves no output file", () => {
  it.each(["sequential", "async"])(
    "%s with --io-delay: exit 130, no output, no temp file",
    async (executor) => {
      const input = bigInput(400);
      const output = join(dir, `sigint-${executor}.csv`);
      const { child, exited } = start([
        "compute",
        input,
        "--executor",
        executor,
        "--io-delay",
        "5",
        "-o",
        output,
      ]);
      // Mid-run = the temp file exists (reading and writing each take 400 × 5 ms).
      const writing = () => readdirSync(dir).some((f) => f.startsWith(`.sigint-${executor}.csv.`));
      for (let i = 0; i < 400 && !writing(); i++) await wait(50);
      expect(writing()).toBe(true);
      child.kill("SIGINT");
      const { code, stderr } = await exited;
      expect(code).toBe(130);
      expect(stderr).toContain("interrupted");
      expect(existsSync(output)).toBe(false);
      expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    },
  );

  it("process executor: exit 130 and no orphan child processes", async () => {
    const input = bigInput(3000);
    const output = join(dir, "sigint-process.csv");
    const { child, exited } = start([
      "compute",
      input,
      "--executor",
      "process",
      "--threads",
      "2",
      "-o",
      output,
    ]);
    let kids: number[] = [];
    for (let i = 0; i < 100 && kids.length < 2; i++) {
      await wait(100);
      kids = childrenOf(child.pid!);
    }
    expect(kids.length).toBe(2);
    child.kill("SIGINT");
    const { code } = await exited;
    expect(code).toBe(130);
    expect(existsSync(output)).toBe(false);
    await wait(200);
    expect(kids.filter(alive)).toEqual([]);
  });
});

describe("a crashed worker fails the run: exit 1, clear message, no hang, no orphans", () => {
  it.each(["thread-pool", "shared", "process"])("%s", async (executor) => {
    const output = join(dir, `crash-${executor}.csv`);
    // Fault injection (see packages/executors/src/executors/_tasks.ts): the worker on tile 1 exits.
    const r = await dmx(
      ["compute", sample, "--executor", executor, "--threads", "2", "-o", output],
      {
        env: { DMX_CRASH_TILE: "1" },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dmx compute: .*(worker|child process).*(crashed|exited)/);
    expect(existsSync(output)).toBe(false);
  });
});
