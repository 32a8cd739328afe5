import { beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";

/** Runs the built CLI as a user would; never throws, returns exit code and output. */
const dmx = (...args: string[]) => runCli(args);

beforeAll(buildCliIfMissing, 120_000);

describe("dmx demo event-loop --json", () => {
  // No timing assertions: a shared machine can make any run slow. What is checked is the shape,
  // that the busy work is a fixed amount (every task, on any thread, computed the same result
  // from the same number of steps), and that CPU time is reported next to wall time.
  it("reports wall and CPU time of the three runs, with the same fixed work in every task", async () => {
    const tasks = 3;
    const ms = 40;
    const { code, stdout, stderr } = await dmx(
      "demo",
      "event-loop",
      "--tasks",
      `${tasks}`,
      "--ms",
      `${ms}`,
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).sort()).toEqual(
      [
        "cores",
        "iterationsPerMs",
        "iterationsPerTask",
        "mainThreadBusyCpuMs",
        "mainThreadBusyMs",
        "ms",
        "sameWork",
        "sleepCpuMs",
        "sleepMs",
        "tasks",
        "threads",
        "workersBusyCpuMs",
        "workersBusyMs",
      ].sort(),
    );
    expect(result).toMatchObject({ tasks, ms, sameWork: true });
    expect(Number.isInteger(result.cores) && result.cores >= 1).toBe(true);
    expect(result.threads).toBe(result.cores);
    // A sleep never ends early, on any machine however loaded.
    expect(result.sleepMs).toBeGreaterThanOrEqual(ms - 2);
    expect(result.iterationsPerTask).toBe(Math.round(result.iterationsPerMs * ms));
    for (const key of ["sleepCpuMs", "mainThreadBusyCpuMs", "workersBusyCpuMs"]) {
      expect(Number.isFinite(result[key]) && result[key] >= 0, key).toBe(true);
    }
  });

  it("honours --threads 1", async () => {
    const { code, stdout } = await dmx(
      "demo",
      "event-loop",
      "--tasks",
      "3",
      "--ms",
      "20",
      "--threads",
      "1",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ threads: 1, sameWork: true });
  });
});

describe("dmx demo event-loop (text)", () => {
  it("prints one row per run and progress lines on stderr", async () => {
    const { code, stdout, stderr } = await dmx("demo", "event-loop", "--tasks", "2", "--ms", "50");
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Event loop demo: 2 tasks, each 50 ms of fixed work \([\d,]+ steps, calibrated at start\), \d+ cores/,
    );
    expect(stdout).toMatch(/^\s+wall\s+cpu\s+expected on an idle machine$/m);
    expect(stdout).toMatch(/2 x sleep\(50\)\s+\d+ ms/);
    expect(stdout).toMatch(/2 x busy\(50\), main thread\s+\d+ ms/);
    expect(stdout).toMatch(/2 x busy\(50\), \d+ workers\s+\d+ ms\s+\d+ ms .*cores busy on average/);
    expect(stderr.trim().split("\n")).toHaveLength(3);
  });

  it("--quiet drops the progress lines", async () => {
    const { code, stderr } = await dmx("demo", "event-loop", "--tasks", "1", "--ms", "5", "-q");
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});

describe("dmx demo usage", () => {
  it("--help prints the options and exits 0", async () => {
    const { code, stdout } = await dmx("demo", "--help");
    expect(code).toBe(0);
    for (const option of ["--tasks", "--ms", "--threads", "--json"])
      expect(stdout).toContain(option);
  });

  it.each([
    [["demo"], /missing the demo \(event-loop, race\)/],
    [["demo", "nope"], /unknown demo "nope"/],
    [["demo", "event-loop", "--ms", "0"], /--ms must be an integer from 1 to 60000; got "0"/],
    [["demo", "event-loop", "--tasks", "2.5"], /--tasks must be an integer .* got "2.5"/],
    [["demo", "event-loop", "--bogus"], /unknown option --bogus; see dmx demo --help/],
    [["demo", "event-loop", "extra"], /unexpected argument "extra"/],
  ])("%j exits 2 with a clear message", async (args, message) => {
    const { code, stdout, stderr } = await dmx(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});
