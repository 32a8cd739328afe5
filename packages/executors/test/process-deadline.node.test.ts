// A child of the `process` executor that stops answering (kill -STOP) fails the run cleanly:
// an error naming the child and its tile, no output file, no child left behind. The deadline
// is injected (2 s per tile), the children have started (a warm-up run) and every child is
// stopped, so no timing decides the outcome.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { randomLocationTable } from "@dmx/geo";
import { afterAll, describe, expect, it } from "vitest";
import { defaultDeadlineMs, processExecutor } from "../src/executors/_process.ts";
import { ExecutorError, writeMatrix } from "../src/index.ts";
import { memoryStream } from "./_helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-process-deadline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pids of this process's `_process-child.js` children (Linux /proc). */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (ppid === process.pid && cmd.includes("_process-child")) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(process.platform !== "linux")("process executor: a stopped child", () => {
  it("fails the run naming the child and its tile; no output, no child left", async () => {
    // 2 s per tile; starting may take long on a busy machine, and a warm-up run waits for it.
    const executor = processExecutor(2, { deadlineMs: (tile) => (tile ? 2_000 : 120_000) });
    const input = randomLocationTable(400, 3);
    await writeMatrix({ input, output: memoryStream(), executor, tileValues: 256 });
    const output = join(dir, "out.csv");
    let stopped: number[] = [];
    const run = writeMatrix({
      input,
      output,
      executor,
      tileValues: 256,
      onProgress: () => {
        if (stopped.length > 0) return;
        stopped = childPids();
        for (const pid of stopped) process.kill(pid, "SIGSTOP");
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(stopped).toHaveLength(2);
    expect(error).toBeInstanceOf(ExecutorError);
    expect((error as ExecutorError).code).toBe("WORKER_CRASHED");
    const message = (error as Error).message;
    expect(message).toMatch(
      /^process: child process (\d+) did not answer within 2\.0 s while computing tile \d+ \(rows \d+ to \d+, \d+ values\) \(it is stopped, e\.g\. by SIGSTOP\); it was killed and the run stopped$/,
    );
    expect(stopped).toContain(Number(/child process (\d+)/.exec(message)![1]));
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    for (let i = 0; i < 100 && stopped.some(alive); i++) await sleep(100);
    expect(stopped.filter(alive)).toEqual([]);
    await executor.close();
  }, 240_000);

  it("the default deadline grows with the tile and leaves room for a slow machine", () => {
    expect(defaultDeadlineMs(undefined)).toBe(30_000);
    const tile = { index: 0, rowStart: 0, rowEnd: 10, offset: 0, count: 262_144 };
    expect(defaultDeadlineMs(tile)).toBeCloseTo(35_242.88);
  });
});
