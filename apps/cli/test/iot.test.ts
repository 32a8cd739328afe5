import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { VirtualClock } from "@dmx/device-sim";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../src/_command.ts";
import { UsageError } from "../src/_errors.ts";
import { runIot } from "../src/iot/_run.ts";

/** A CliIO that collects what a command writes, for in-process tests. */
function captureIO(cwd: string, signal = new AbortController().signal) {
  const out = { stdout: "", stderr: "" };
  const sink = (key: "stdout" | "stderr") =>
    new Writable({
      write(chunk, _encoding, done) {
        out[key] += String(chunk);
        done();
      },
    });
  const io: CliIO = { stdout: sink("stdout"), stderr: sink("stderr"), env: {}, cwd, signal };
  return { io, out };
}

const dir = mkdtempSync(join(tmpdir(), "dmx-iot-"));

async function iot(...argv: string[]) {
  const { io, out } = captureIO(dir);
  const code = await runIot(argv, io, { clock: new VirtualClock() });
  return { code, ...out };
}

async function usageError(...argv: string[]): Promise<string> {
  const error = await iot(...argv).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

/** The bar between the pipes of the timeline row for `device step`. */
function barOf(stdout: string, device: string, step: string): string {
  const row = stdout.split("\n").find((l) => new RegExp(`^${device}\\s+${step}\\s`).test(l));
  if (!row) throw new Error(`no row for ${device} ${step} in\n${stdout}`);
  return row.slice(row.indexOf("|") + 1, row.lastIndexOf("|"));
}

describe("dmx iot run (virtual clock)", () => {
  it("sleep: the timeline shows the three switches overlapping and the clean after the flush", async () => {
    const { code, stdout, stderr } = await iot("run", "sleep");
    expect(code).toBe(0);
    expect(stdout).toContain("total 1500 ms: connecting 500 ms, program 1000 ms\n");
    const flush = barOf(stdout, "toilet", "FLUSH");
    const clean = barOf(stdout, "toilet", "CLEAN");
    expect(barOf(stdout, "light", "SWITCH_OFF")).toBe(flush);
    expect(barOf(stdout, "speaker", "SWITCH_OFF")).toBe(flush);
    expect(barOf(stdout, "toilet", "CONNECT")).toMatch(/^#+\.+$/);
    // CLEAN starts in the column right after FLUSH ends; both last one latency (to a column).
    expect(clean.indexOf("#")).toBe(flush.lastIndexOf("#") + 1);
    const length = (bar: string) => bar.match(/#/g)?.length ?? 0;
    expect(Math.abs(length(clean) - length(flush))).toBeLessThanOrEqual(1);
    expect(clean.endsWith("#")).toBe(true);
    // The log, on stderr, as it happened: CLEAN starts only once FLUSH has ended.
    const log = stderr.split("\n").filter(Boolean);
    const at = (text: RegExp) => log.findIndex((l) => text.test(l));
    expect(log).toHaveLength(14);
    expect(at(/toilet\s+FLUSH\s+ok/)).toBeLessThan(at(/toilet\s+CLEAN\s+start/));
    expect(log[at(/toilet\s+CLEAN\s+ok/)]).toMatch(
      /^\[\s+1500 ms\] toilet\s+CLEAN\s+ok \(500 ms\)$/,
    );
  });

  it("--json prints the machine-readable report and nothing else on stdout", async () => {
    const { code, stdout } = await iot("run", "wake-up", "--latency", "200", "--json", "--quiet");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.totalMs).toBe(600);
    expect(doc.ok).toBe(true);
    expect(
      doc.steps.map((s: Record<string, unknown>) => [s.device, s.type, s.startMs, s.endMs, s.ok]),
    ).toEqual([
      ["light", "CONNECT", 0, 200, true],
      ["speaker", "CONNECT", 0, 200, true],
      ["light", "SWITCH_ON", 200, 400, true],
      ["speaker", "SWITCH_ON", 200, 400, true],
      ["speaker", "PLAY_SONG", 400, 600, true],
    ]);
    expect(doc.steps.every((s: object) => !("error" in s))).toBe(true);
  });

  it("--quiet keeps stderr empty on success", async () => {
    const { stderr } = await iot("run", "sleep", "-q");
    expect(stderr).toBe("");
  });

  it("a failing run exits 1, marks the failed bars, and lists every failure", async () => {
    const { code, stdout, stderr } = await iot("run", "sleep", "--fail-rate", "1");
    expect(code).toBe(1);
    // Connecting took the first half of the run, the failed flush the second.
    const flush = barOf(stdout, "toilet", "FLUSH");
    expect(flush).toMatch(/^\.+x+$/);
    expect(Math.abs(flush.indexOf("x") - flush.length / 2)).toBeLessThanOrEqual(1);
    expect(stdout).not.toMatch(/toilet\s+CLEAN/); // the sequence stopped at the failed flush
    expect(stderr).toContain("dmx iot: 3 steps failed:\n");
    expect(stderr).toContain(
      '  - toilet FLUSH: smart-toilet "toilet" failed to handle FLUSH (simulated failure, rate 1) (at $.parallel[2].sequence[0])\n',
    );
    const json = JSON.parse((await iot("run", "sleep", "--fail-rate", "1", "--json", "-q")).stdout);
    expect(json.ok).toBe(false);
    expect(json.failures.map((f: { path: string }) => f.path)).toEqual([
      "$.parallel[0]",
      "$.parallel[1]",
      "$.parallel[2].sequence[0]",
    ]);
    expect(json.steps.filter((s: { ok: boolean }) => !s.ok)).toHaveLength(3);
  });

  it("the same seed gives the same run", async () => {
    const args = ["run", "sleep", "--fail-rate", "0.5", "--jitter", "100", "--json", "-q"];
    const a = await iot(...args, "--seed", "7");
    const b = await iot(...args, "--seed", "7");
    expect(b.stdout).toBe(a.stdout);
    expect(b.code).toBe(a.code);
  });

  it("--timeout and --retries reach every message", async () => {
    const slow = await iot("run", "wake-up", "--timeout", "100", "--json", "-q");
    expect(slow.code).toBe(1);
    expect(JSON.parse(slow.stdout).failures).toHaveLength(2);
    const retried = await iot(
      "run",
      "sleep",
      "--fail-rate",
      "0.5",
      "--retries",
      "30",
      "--json",
      "-q",
    );
    const doc = JSON.parse(retried.stdout);
    expect([retried.code, doc.ok]).toEqual([0, true]);
    expect(doc.steps.length).toBeGreaterThan(7); // some attempts failed and were retried
  });

  it("runs a JSON program file", async () => {
    const file = join(dir, "evening.json");
    const program = {
      sequence: [
        {
          parallel: [
            { device: "lock", type: "CLOSE" },
            { device: "thermostat", type: "SWITCH_ON", data: 18 },
          ],
        },
        { device: "light", type: "CHANGE_COLOR", data: "amber" },
      ],
    };
    writeFileSync(file, JSON.stringify(program));
    const { code, stdout } = await iot("run", "evening.json", "--latency", "100", "--json", "-q");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.totalMs).toBe(300);
    expect(doc.steps.at(-1)).toMatchObject({
      device: "light",
      type: "CHANGE_COLOR",
      data: "amber",
      startMs: 200,
    });
  });

  it("stops when interrupted, cancelling the running steps", async () => {
    const controller = new AbortController();
    const clock = new VirtualClock();
    const { io, out } = captureIO(dir, controller.signal);
    void clock.sleep(700).then(() => controller.abort(new Error("interrupted by SIGINT")));
    const code = await runIot(["run", "sleep"], io, { clock });
    expect(code).toBe(1);
    expect(out.stderr).toContain("dmx iot: stopped (interrupted by SIGINT)");
    expect(out.stdout).toBe("");
    expect(clock.pendingTimers).toBe(0);
  });
});

describe("dmx iot usage errors (exit 2)", () => {
  it.each([
    [["run"], "run what? wake-up, sleep, or a JSON file"],
    [["walk"], 'unknown subcommand "walk"'],
    [["run", "sleep", "extra"], 'unexpected argument "extra"'],
    [["run", "sleep", "--latency", "-5"], '--latency must be a number from 0 to 3600000; got "-5"'],
    [
      ["run", "sleep", "--latency", "abc"],
      '--latency must be a number from 0 to 3600000; got "abc"',
    ],
    [["run", "sleep", "--fail-rate", "1.5"], '--fail-rate must be a number from 0 to 1; got "1.5"'],
    [["run", "sleep", "--seed", "1.5"], "--seed must be an integer of at least 0"],
    [["run", "sleep", "--timeout", "0"], "--timeout must be a number above 0, up to 3600000"],
    [
      ["run", "sleep", "--speed", "2"],
      "unknown option --speed (did you mean --seed?); see dmx iot --help",
    ],
    [
      ["run", "nope.json"],
      '"nope.json" is not a built-in program (wake-up, sleep) and cannot be read: no such file',
    ],
  ])("%j -> %s", async (argv, message) => {
    expect(await usageError(...argv)).toContain(message);
  });

  it("an invalid program file names the JSON path of the problem", async () => {
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({
        sequence: [
          { device: "light", type: "SWITCH_ON" },
          { device: "light", type: "FLY" },
        ],
      }),
    );
    expect(await usageError("run", "bad.json")).toContain(
      'bad.json: $.sequence[1].type: unknown message type "FLY"',
    );
    writeFileSync(
      join(dir, "garage.json"),
      JSON.stringify({ parallel: [{ device: "garage", type: "OPEN" }] }),
    );
    expect(await usageError("run", "garage.json")).toContain(
      '$.parallel[0].device: unknown device "garage"',
    );
    writeFileSync(join(dir, "broken.json"), "{");
    expect(await usageError("run", "broken.json")).toContain("broken.json: $: not valid JSON");
  });

  it("--help prints the usage on stdout", async () => {
    const { code, stdout } = await iot("--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: dmx iot run <wake-up\|sleep\|FILE>/);
    expect(stdout).toContain("--fail-rate P");
  });
});
