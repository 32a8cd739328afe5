// Helpers of the cluster tests: `dmx worker` / `dmx compute --cluster` processes and inputs.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin } from "./_cli.ts";

/** A started `dmx` process whose stderr is collected as it comes. */
export interface Started {
  readonly child: ChildProcess;
  /** stderr so far. */
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/dmx.cjs ...args`. */
export function startDmx(args: readonly string[]): Started {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => stderr, exited };
}

/** Starts a `dmx worker` with short stall detection (a dead worker's tile moves on in ~1 s). */
export function startWorkerProcess(url: string, extra: readonly string[] = []): Started {
  return startDmx([
    "worker",
    "--redis",
    url,
    "--threads",
    "1",
    "--lock-duration",
    "1000",
    "--stalled-interval",
    "500",
    ...extra,
  ]);
}

/** Resolves once `test()` is true (checked every 50 ms), or rejects after `ms`. */
export async function until(test: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tile lines a worker printed: `run ID tile I/T ...`. */
export function tileLines(stderr: string): { run: string; tile: number; tiles: number }[] {
  return [...stderr.matchAll(/run ([a-z0-9]+) tile (\d+)\/(\d+):/g)].map((m) => ({
    run: m[1]!,
    tile: Number(m[2]),
    tiles: Number(m[3]),
  }));
}

/** Writes `n` pseudo-random places (deterministic) to `dir/name` and returns the path. */
export function placesCsv(dir: string, name: string, n: number): string {
  let x = 20261201;
  const random = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const lines = ["name,lat,lon"];
  for (let i = 0; i < n; i++) {
    lines.push(
      `place ${i},${(random() * 170 - 85).toFixed(5)},${(random() * 360 - 180).toFixed(5)}`,
    );
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}
