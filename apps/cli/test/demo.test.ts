import { beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";

/** Runs the built CLI as a user would; never throws, returns exit code and output. */
const dmx = (...args: string[]) => runCli(args);

beforeAll(buildCliIfMissing, 120_000);

describe("dmx demo event-loop --json", () => {
  it("reports the three runs with the relations the event loop guarantees", async () => {
    const tasks = 4;
    const ms = 150;
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
      ["cores", "mainThreadBusyMs", "ms", "sleepMs", "tasks", "threads", "workersBusyMs"].sort(),
    );
    expect(result).toMatchObject({ tasks, ms });
    expect(Number.isInteger(result.cores) && result.cores >= 1).toBe(true);
    expect(result.threads).toBe(result.cores);
    // Only bounds the event loop guarantees on any machine, however loaded: a sleep never ends
    // early, a busy loop spins its full time. (That the sleeps overlap is a fact about the
    // event loop that an upper bound on wall time cannot test reliably; the course's samples
    // show it on a fake clock.)
    expect(result.sleepMs).toBeGreaterThanOrEqual(ms - 2);
    // Busy loops on the main thread cannot overlap: at least the sum.
    expect(result.mainThreadBusyMs).toBeGreaterThanOrEqual(tasks * ms - 2);
    // In workers every task still spins for its full time, in ceil(tasks / threads) rounds at least.
    expect(result.workersBusyMs).toBeGreaterThanOrEqual(Math.ceil(tasks / result.threads) * ms - 2);
  });

  it("honours --threads 1: the workers then take at least the sum too", async () => {
    const { code, stdout } = await dmx(
      "demo",
      "event-loop",
      "--tasks",
      "3",
      "--ms",
      "60",
      "--threads",
      "1",
      "--json",
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.threads).toBe(1);
    expect(result.workersBusyMs).toBeGreaterThanOrEqual(3 * 60 - 2);
  });
});

describe("dmx demo event-loop (text)", () => {
  it("prints one row per run and progress lines on stderr", async () => {
    const { code, stdout, stderr } = await dmx("demo", "event-loop", "--tasks", "2", "--ms", "50");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Event loop demo: 2 tasks of 50 ms, \d+ cores/);
    expect(stdout).toMatch(/2 x sleep\(50\)\s+\d+ ms/);
    expect(stdout).toMatch(/2 x busy\(50\), main thread\s+\d+ ms/);
    expect(stdout).toMatch(/2 x busy\(50\), \d+ workers\s+\d+ ms/);
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
    [["demo"], /missing the demo \(event-loop\)/],
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
