import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mulberry32 } from "@dmx/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, buildCliIfMissing } from "./_cli.ts";

// The kill test: SIGINT, a double SIGINT and SIGKILL at random moments of a large write
// (pairs CSV, 4.6 MB, and a square .npy, 2 MB, in turn), 20 runs each, in twelve lanes side
// by side. Three runs in four are killed at a random moment after the temp file appeared (while
// writing), the fourth at a random moment of the whole run (startup included). After every
// run the target is absent or a complete file (the bytes of a full run); after a signal the
// process can handle, no temp file remains; SIGKILL may leave temp files, and the next
// complete run to the same target removes them and says so. Node only (POSIX signals).
// The moments come from a seeded generator (mulberry32): DMX_KILL_SEED=<n> replays them.

const dir = mkdtempSync(join(tmpdir(), "dmx-output-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = Number(process.env.DMX_KILL_SEED ?? Date.now() % 1_000_000);
const formats = [
  { format: "pairs", file: "out.csv", args: [] },
  // sequential: no worker threads to boot (cheaper on a busy machine); the .npy file is still
  // pre-sized and written at positions, as the workers do.
  { format: "npy", file: "out.npy", args: ["--square", "--executor", "sequential"] },
] as const;
type Format = (typeof formats)[number];
const input = join(dir, "places.csv");
const reference = new Map<string, Buffer>();
/** Per format: ms from start to exit, and from the temp file's appearance to exit. */
const timing = new Map<string, { run: number; write: number }>();

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** ms from start until a temp file was seen in the target's folder, if it was. */
  readonly tempAt: number | undefined;
  readonly ms: number;
}

const temps = (folder: string) => readdirSync(folder).filter((f) => f.endsWith(".tmp"));

/**
 * Runs `dmx compute` to `folder/f.file`. `plan(child, sinceStart)` is asked every 5 ms
 * (with whether a temp file has appeared) and kills the child when it decides to.
 */
function run(
  f: Format,
  folder: string,
  plan?: (child: ReturnType<typeof spawn>, ms: number, writing: boolean) => void,
): Promise<Exit> {
  const t0 = performance.now();
  const output = join(folder, f.file);
  const child = spawn(
    process.execPath,
    [bin, "compute", input, "--format", f.format, ...f.args, "-o", output, "--quiet"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  let tempAt: number | undefined;
  const before = new Set(temps(folder));
  const poll = setInterval(() => {
    const ms = performance.now() - t0;
    if (tempAt === undefined && temps(folder).some((t) => !before.has(t))) tempAt = ms;
    plan?.(child, ms, tempAt !== undefined);
  }, 5);
  // A bound on every run: a child still running after 30 s fails the test.
  const guard = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) => {
    child.on("exit", () => {
      clearInterval(poll);
      clearTimeout(guard);
    });
    // "close": exited, and stderr read to its end.
    child.on("close", (code, signal) =>
      resolve({ code, signal, stderr, tempAt, ms: performance.now() - t0 }),
    );
  });
}

beforeAll(async () => {
  await buildCliIfMissing();
  const lines: string[] = [];
  for (let i = 0; i < 500; i++)
    lines.push(`p${i},${((i * 37) % 1780) / 10 - 89},${((i * 53) % 3580) / 10 - 179}`);
  writeFileSync(input, `${lines.join("\n")}\n`);
  const folder = join(dir, "reference");
  mkdirSync(folder);
  for (const f of formats) {
    const r = await run(f, folder);
    expect(r.code, r.stderr).toBe(0);
    timing.set(f.format, { run: r.ms, write: r.ms - (r.tempAt ?? 0) });
    reference.set(f.format, readFileSync(join(folder, f.file)));
  }
}, 60_000);

type Kind = "SIGINT" | "double SIGINT" | "SIGKILL";

/** `count` runs of one kind in `folder`; returns how many of them left a temp file. */
async function lane(kind: Kind, folder: string, count: number, next: () => number) {
  let leftBehind = 0;
  for (let i = 0; i < count; i++) {
    const f = formats[i % 2]!;
    const output = join(folder, f.file);
    const want = reference.get(f.format)!;
    // Half of the runs start with no file, half with a complete one from before.
    if (next() < 0.5) rmSync(output, { force: true });
    else writeFileSync(output, want);
    const { run: runMs, write: writeMs } = timing.get(f.format)!;
    // SIGKILL always aims inside the measured write (else, with fast writes, a whole lane can
    // miss it and prove nothing); the SIGINT kinds also try the whole run and just after it.
    const aimed = kind === "SIGKILL";
    const whileWriting = aimed || next() < 0.75;
    const at = next() * (aimed ? 0.8 : 1.2) * (whileWriting ? writeMs : runMs);
    const gap = next() * 30;
    const before = new Set(temps(folder));
    let since: number | undefined;
    let sent = false;
    const r = await run(f, folder, (child, ms, writing) => {
      if (sent || (whileWriting && !writing)) return;
      since ??= ms;
      if (ms - (whileWriting ? since : 0) < at) return;
      sent = true;
      if (kind === "SIGKILL") child.kill("SIGKILL");
      else {
        child.kill("SIGINT");
        if (kind === "double SIGINT") setTimeout(() => child.kill("SIGINT"), gap);
      }
    });
    const where = `${kind} in ${folder} run ${i} (${f.format}, ${whileWriting ? "writing" : "run"} + ${at.toFixed(0)} ms, seed ${seed})`;
    if (existsSync(output))
      expect(Buffer.compare(readFileSync(output), want), `${where}: a partial target`).toBe(0);
    if (kind === "SIGKILL") {
      expect(r.code === 0 || r.signal === "SIGKILL", `${where}: ${r.code} ${r.signal}`).toBe(true);
      if (temps(folder).some((t) => !before.has(t))) leftBehind++;
    } else {
      // 130 (interrupted), 0 (finished first), or the signal itself (before the handler was set).
      expect(
        r.code === 130 || r.code === 0 || r.signal === "SIGINT",
        `${where}: exit ${r.code} ${r.signal}: ${r.stderr}`,
      ).toBe(true);
      expect(temps(folder), `${where}: temp files left`).toEqual([]);
    }
  }
  return leftBehind;
}

describe("kill test: interrupted large writes leave no partial target and no temp file", () => {
  it("SIGINT, double SIGINT and SIGKILL, 20 runs each at random moments", async () => {
    const kinds: Kind[] = ["SIGINT", "double SIGINT", "SIGKILL"];
    const t0 = performance.now();
    const lanes = kinds.flatMap((kind, k) =>
      [0, 1, 2, 3].map((part) => {
        const folder = join(dir, `${kind.replace(" ", "-")}-${part}`);
        mkdirSync(folder);
        return { kind, folder, next: mulberry32(seed * 16 + k * 4 + part) };
      }),
    );
    const left = await Promise.all(lanes.map((l) => lane(l.kind, l.folder, 5, l.next)));
    // The next complete run to the same target removes what killed runs left, and says so.
    let stale = 0;
    for (const l of lanes.filter((l) => l.kind === "SIGKILL")) {
      const names = temps(l.folder);
      stale += names.length;
      let said = "";
      for (const f of formats) {
        const r = await run(f, l.folder);
        expect(r.code, r.stderr).toBe(0);
        said += r.stderr;
      }
      expect(temps(l.folder)).toEqual([]);
      for (const name of names) expect(said, `removal of ${name} not reported`).toContain(name);
    }
    const killed = left.slice(8).reduce((a, b) => a + b, 0);
    console.log(
      `kill test: seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `SIGKILL left temp files after ${killed} of 20 runs (${stale} at the end), ` +
        "all removed by the next run",
    );
    // The runs did hit the writes (else this test would prove little).
    expect(killed).toBeGreaterThan(0);
  }, 120_000);
});

describe("SIGTERM and SIGHUP, once or twice while writing, leave no temp file", () => {
  it.each([
    ["SIGTERM", 1],
    ["SIGTERM", 2],
    ["SIGHUP", 1],
    ["SIGHUP", 2],
  ] as const)(
    "%s × %i",
    async (signal, times) => {
      const folder = join(dir, `${signal}-${times}`);
      mkdirSync(folder);
      const f = formats[0];
      const codes = new Set<number | null>();
      for (let i = 0; i < 3; i++) {
        let sent = false;
        const r = await run(f, folder, (child, _ms, writing) => {
          if (sent || !writing) return;
          sent = true;
          child.kill(signal);
          // A short gap: sent together, the kernel may merge the two into one pending signal.
          if (times === 2) setTimeout(() => child.kill(signal), 1 + i);
        });
        expect(temps(folder), `${signal} × ${times}, run ${i}: ${r.stderr}`).toEqual([]);
        expect(existsSync(join(folder, f.file))).toBe(r.code === 0);
        codes.add(r.code);
      }
      // 130 after the first (the run aborts), 128 + the signal's number after the second; 0
      // when the run finished before the signal.
      const number = signal === "SIGTERM" ? 15 : 1;
      for (const code of codes) expect([0, 130, 128 + number]).toContain(code);
    },
    60_000,
  );
});
