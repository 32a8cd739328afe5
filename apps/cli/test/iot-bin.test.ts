// Runs the built CLI as a user would. "Exits promptly" is checked without timing the run:
// each child is killed after 20 s, so a timer left behind (here a 10-minute --timeout that is
// never cleared) would fail the test instead of passing slowly.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";

const KILL_AFTER_MS = 20_000;

const dmx = (...args: string[]) => runCli(args, { timeoutMs: KILL_AFTER_MS });

beforeAll(buildCliIfMissing, 120_000);

describe("node dist/bin.js iot", () => {
  it("`iot run sleep --latency 50` prints the log and the timeline, then exits on its own", async () => {
    const { code, killed, stdout, stderr } = await dmx("iot", "run", "sleep", "--latency", "50");
    expect(killed).toBe(false);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^dmx iot run sleep: latency 50 ms, jitter 0 ms, fail rate 0, seed 1\n/);
    for (const row of [
      "light +SWITCH_OFF",
      "speaker +SWITCH_OFF",
      "toilet +FLUSH",
      "toilet +CLEAN",
    ]) {
      expect(stdout).toMatch(new RegExp(`^${row} +\\|[.#]+\\| .* ok$`, "m"));
    }
    expect(stdout).toMatch(/^total \d+ ms: connecting \d+ ms, program \d+ ms$/m);
    expect(stderr.split("\n").filter(Boolean)).toHaveLength(14);
  });

  it("leaves no timer behind even with a 10-minute timeout armed on every message", async () => {
    const { code, killed, stdout } = await dmx(
      "iot",
      "run",
      "sleep",
      "--latency",
      "50",
      "--timeout",
      "600000",
      "--json",
      "-q",
    );
    expect(killed).toBe(false);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.ok).toBe(true);
    // Two latencies of program after one of connecting, measured by the real clock.
    expect(doc.programMs).toBeGreaterThanOrEqual(100);
    expect(doc.steps).toHaveLength(7);
  });

  it("exits 1 and lists the failures when messages fail", async () => {
    const { code, killed, stderr } = await dmx(
      "iot",
      "run",
      "sleep",
      "--latency",
      "20",
      "--fail-rate",
      "1",
      "-q",
    );
    expect(killed).toBe(false);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^dmx iot: 3 steps failed:\n/);
    expect(stderr).toContain("toilet FLUSH");
  });

  it("exits 2 for bad usage and for an unreadable program, without a stack trace", async () => {
    const bad = await dmx("iot", "run", "sleep", "--fail-rate", "abc");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('dmx iot: --fail-rate must be a number from 0 to 1; got "abc"\n');
    const missing = await dmx("iot", "run", "no-such-program.json");
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toContain("    at ");
  });

  it("`dmx iot --help` prints the usage and exits 0", async () => {
    const { code, stdout } = await dmx("iot", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: dmx iot run <wake-up|sleep|FILE>");
  });
});
