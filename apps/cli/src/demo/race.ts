import { availableParallelism } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { type RaceReport, type RaceWork, raceWorker, SLOT } from "./_race-worker.ts";

/** What `dmx demo race` runs. */
export interface RaceDemoOptions {
  /** Workers incrementing the counter (at least 2). */
  readonly workers: number;
  /** Increments per worker. */
  readonly iterations: number;
  /** How long a worker waits for its second lock before it reports a deadlock, ms. */
  readonly timeoutMs: number;
  /** Called before each variant starts (for progress lines). */
  readonly onVariant?: (name: string) => void;
}

/** One way of incrementing the shared counter, measured. */
export interface RaceVariant {
  readonly name: "plain" | "atomics" | "mutex";
  readonly counter: number;
  readonly expected: number;
  /** expected − counter: increments that another worker's write overwrote. */
  readonly lostUpdates: number;
  /** Wall time from the start signal until every worker had finished, ms. */
  readonly ms: number;
}

/** Two locks taken in opposite (deadlock) or the same (ordered) order. */
export interface LockRun {
  /** Whether every worker got both locks. */
  readonly completed: boolean;
  /**
   * Whether a worker holding one lock timed out waiting for the other: the deadlock, found by
   * the timeout. The worker that gives up releases its lock, which lets the other finish.
   */
  readonly deadlockDetected: boolean;
  readonly timeoutMs: number;
  readonly workers: readonly RaceReport[];
  readonly ms: number;
}

/** The `--json` output of `dmx demo race`. */
export interface RaceDemoResult {
  readonly cores: number;
  readonly workers: number;
  readonly iterations: number;
  readonly variants: readonly RaceVariant[];
  readonly deadlock: LockRun;
  readonly ordered: LockRun;
}

// The worker runs the function's source text, so it must not call bundler helpers: the CLI
// bundle (_cli.cjs) is built without esbuild's keepNames, whose `__name` wrappers would be
// undefined in the worker (test/demo-race.node.test.ts fails if they come back).
const source = `const { parentPort, workerData } = require("node:worker_threads");
(${raceWorker.toString()})(parentPort, workerData);`;

/**
 * Starts `count` workers on one SharedArrayBuffer, lines them up, says go, and waits for their
 * reports. A worker that has not reported `hardLimitMs` after go is terminated: the demo
 * never hangs, whatever the workers do.
 */
async function runWorkers(
  kind: RaceWork["kind"],
  count: number,
  iterations: number,
  timeoutMs: number,
  hardLimitMs: number,
): Promise<{ view: Int32Array; reports: RaceReport[]; ms: number }> {
  const shared = new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT);
  const view = new Int32Array(shared);
  const workers = Array.from(
    { length: count },
    (_, id) =>
      new Worker(source, {
        eval: true,
        workerData: { kind, shared, id, iterations, timeoutMs } satisfies RaceWork,
      }),
  );
  try {
    const reports = workers.map(
      (w) =>
        new Promise<RaceReport>((resolve, reject) => {
          w.once("message", resolve);
          w.once("error", reject);
          w.once("exit", (code) =>
            reject(new Error(`a worker exited (code ${code}) without reporting`)),
          );
        }),
    );
    let failure: unknown;
    const all = Promise.all(reports);
    all.catch((error) => {
      failure ??= error;
    });
    // The start line: poll (the main thread must not block) until every worker is ready.
    const readyBy = performance.now() + hardLimitMs;
    while (Atomics.load(view, SLOT.ready) < count) {
      if (failure !== undefined) throw failure;
      if (performance.now() > readyBy) throw new Error("the workers did not start in time");
      await delay(1);
    }
    const start = performance.now();
    Atomics.store(view, SLOT.go, 1);
    Atomics.notify(view, SLOT.go);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the workers did not finish within ${hardLimitMs} ms`)),
        hardLimitMs,
      );
    });
    try {
      const done = await Promise.race([all, limit]);
      return { view, reports: done, ms: performance.now() - start };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const r1 = (x: number) => Math.round(x * 10) / 10;

async function lockRun(kind: "deadlock" | "ordered", timeoutMs: number): Promise<LockRun> {
  const { reports, ms } = await runWorkers(kind, 2, 0, timeoutMs, timeoutMs + 10_000);
  const completed = reports.every((r) => r.gotBoth);
  // Detected: a worker holding its first lock timed out waiting for its second one.
  const deadlockDetected = reports.some((r) => !r.gotBoth && r.holds !== "");
  return { completed, deadlockDetected, timeoutMs, workers: reports, ms: r1(ms) };
}

/**
 * Runs the race demo: `workers` workers increment one shared counter `iterations` times each,
 * with a plain `+=` (lost updates), `Atomics.add` (exact) and under a mutex built on
 * `Atomics.wait`/`notify` (exact, slower); then two workers take two locks in opposite order
 * (a deadlock, detected by a timeout) and in the same order (no deadlock).
 */
export async function runRaceDemo(options: RaceDemoOptions): Promise<RaceDemoResult> {
  const { workers, iterations, timeoutMs } = options;
  const expected = workers * iterations;
  const variants: RaceVariant[] = [];
  for (const name of ["plain", "atomics", "mutex"] as const) {
    options.onVariant?.(name);
    const { view, ms } = await runWorkers(name, workers, iterations, timeoutMs, 600_000);
    const counter = Atomics.load(view, SLOT.counter);
    variants.push({ name, counter, expected, lostUpdates: expected - counter, ms: r1(ms) });
  }
  options.onVariant?.("deadlock");
  const deadlock = await lockRun("deadlock", timeoutMs);
  options.onVariant?.("ordered");
  const ordered = await lockRun("ordered", timeoutMs);
  return { cores: availableParallelism(), workers, iterations, variants, deadlock, ordered };
}
