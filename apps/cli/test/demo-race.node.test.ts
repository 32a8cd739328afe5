import { beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";

const dmx = (...args: string[]) => runCli(args);

beforeAll(buildCliIfMissing, 120_000);

// Exactness and detection only, never timings: whether plain += loses updates depends on the
// machine (one free core can serialize the workers), so it is only checked to never gain any.
describe("dmx demo race --json", () => {
  it("Atomics.add and the mutex are exact; the deadlock is detected and the ordered locks finish", async () => {
    const { code, stdout, stderr } = await dmx(
      "demo",
      "race",
      "--workers",
      "3",
      "--iterations",
      "20000",
      "--timeout",
      "200",
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ workers: 3, iterations: 20000 });
    const byName = Object.fromEntries(r.variants.map((v: { name: string }) => [v.name, v]));
    expect(Object.keys(byName)).toEqual(["plain", "atomics", "mutex"]);
    for (const name of ["atomics", "mutex"]) {
      expect(byName[name]).toMatchObject({ counter: 60000, expected: 60000, lostUpdates: 0 });
    }
    expect(byName.plain.counter).toBeLessThanOrEqual(60000);
    expect(byName.plain.lostUpdates).toBe(60000 - byName.plain.counter);
    for (const v of r.variants) expect(v.ms).toBeGreaterThanOrEqual(0);

    expect(r.deadlock).toMatchObject({ deadlockDetected: true, timeoutMs: 200 });
    expect(r.deadlock.workers.map((w: { holds: string }) => w.holds).sort()).toEqual(["A", "B"]);
    expect(r.deadlock.workers.some((w: { gotBoth: boolean }) => !w.gotBoth)).toBe(true);
    expect(r.ordered).toMatchObject({ completed: true, deadlockDetected: false });
  }, 120_000);

  it("prints the table and the deadlock report as text", async () => {
    const { code, stdout, stderr } = await dmx(
      "demo",
      "race",
      "--iterations",
      "1000",
      "--timeout",
      "100",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+Atomics\.add\s+2,000\s+2,000\s+0\s/m);
    expect(stdout).toMatch(/^\s+mutex \(Atomics\.wait\/notify\)\s+2,000\s+2,000\s+0\s/m);
    expect(stdout).toContain("DEADLOCK detected by the 100 ms timeout");
    expect(stdout).toContain("every worker got both locks");
    expect(stderr).toContain("running deadlock...");
  }, 120_000);

  it.each([
    [["--workers", "1"], /--workers must be an integer from 2 to 64; got "1"/],
    [["--tasks", "3"], /--tasks is not an option of dmx demo race/],
  ])("%j is a usage error", async (args, message) => {
    const { code, stderr } = await dmx("demo", "race", ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
