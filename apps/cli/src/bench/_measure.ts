import { performance } from "node:perf_hooks";
import { type LocationTable, randomLocationTable } from "@dmx/geo";

/** One measured cell: an executor on one input size (the `--json` "results" entries). */
export interface BenchResult {
  readonly executor: string;
  /** Places. */
  readonly n: number;
  /** Unordered pairs, n (n - 1) / 2. */
  readonly pairs: number;
  /** Threads (or processes) the executor actually used. */
  readonly threads: number;
  /** Median compute phase over the timed runs, milliseconds, results in memory. */
  readonly calcMs: number;
  /** calcMs per pair, in nanoseconds. */
  readonly nsPerPair: number;
}

/** Something a reader should know about a cell that was not measured, or about an executor. */
export interface BenchNote {
  readonly executor: string;
  readonly n?: number;
  /** `skipped`: too slow for the time limit; `failed`: the run threw; `executor`: its own note. */
  readonly kind: "skipped" | "failed" | "executor";
  readonly text: string;
}

/** How the bench computes a matrix: one call = one compute phase into memory. */
export interface MatrixRunner {
  /**
   * Computes all pairs of `places` with `executor`; resolves to the compute phase's duration
   * in milliseconds (as the executor's API reports it, else as timed around the call) and
   * the threads used, plus any notes the executor gave.
   */
  compute(
    executor: string,
    places: LocationTable,
    signal: AbortSignal,
  ): Promise<{ ms: number; threads: number; notes: readonly string[] }>;
}

/** What to measure. */
export interface MeasurePlan {
  readonly executors: readonly string[];
  readonly sizes: readonly number[];
  readonly repeat: number;
  readonly warmup: number;
  readonly seed: number;
  readonly maxSeconds: number;
}

const fmtNs = (ns: number) => ns.toLocaleString("en-US", { maximumFractionDigits: 1 });

function skipNote(executor: string, n: number, why: string, limit: number): BenchNote {
  return {
    executor,
    n,
    kind: "skipped",
    text: `skipped from n=${n.toLocaleString("en-US")}: ${why} (limit ${limit} s per size for all runs, --max-seconds)`,
  };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Runs every executor on every size: `warmup` untimed runs, then `repeat` timed runs, median.
 * A size whose runs would take more than `maxSeconds` in all is skipped with a note, as are
 * the larger sizes after it: judged from the executor's ns/pair at the previous size, and
 * when that estimate is over the limit but one run is not, from one probe run.
 */
export async function measure(
  plan: MeasurePlan,
  runner: MatrixRunner,
  signal: AbortSignal,
  onResult: (r: BenchResult) => void = () => {},
): Promise<{ results: BenchResult[]; notes: BenchNote[] }> {
  const results: BenchResult[] = [];
  const notes: BenchNote[] = [];
  const places = new Map<number, LocationTable>();
  const input = (n: number) => {
    let p = places.get(n);
    if (!p) {
      p = randomLocationTable(n, plan.seed);
      places.set(n, p);
    }
    return p;
  };
  for (const executor of plan.executors) {
    let lastNs: number | undefined;
    const seen = new Set<string>();
    for (const n of plan.sizes) {
      signal.throwIfAborted();
      const pairs = (n * (n - 1)) / 2;
      const runs = plan.warmup + plan.repeat;
      // Judged from the previous size: hopeless even for one run → skip; over the limit for
      // all runs → one probe run first (fixed costs such as starting workers make the per-pair
      // extrapolation pessimistic), then skip if the probe says so.
      let probe = false;
      if (lastNs !== undefined) {
        const oneRun = (lastNs * pairs) / 1e9;
        if (oneRun > plan.maxSeconds) {
          notes.push(
            skipNote(
              executor,
              n,
              `about ${Math.round(oneRun)} s per run at ${fmtNs(lastNs)} ns/pair`,
              plan.maxSeconds,
            ),
          );
          break;
        }
        probe = oneRun * runs > plan.maxSeconds;
      }
      const times: number[] = [];
      let threads = 1;
      let skipped = "";
      try {
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          const out = await runner.compute(executor, input(n), signal);
          const wall = performance.now() - t0;
          threads = out.threads;
          for (const text of out.notes) {
            if (!seen.has(text)) notes.push({ executor, n, kind: "executor", text });
            seen.add(text);
          }
          const ms = Number.isFinite(out.ms) ? out.ms : wall;
          if (r >= plan.warmup) times.push(ms);
          if (probe && r === 0 && (ms / 1000) * runs > plan.maxSeconds) {
            skipped = `one run took ${(ms / 1000).toFixed(1)} s`;
            break;
          }
        }
      } catch (error) {
        if (signal.aborted) throw error;
        notes.push({
          executor,
          n,
          kind: "failed",
          text: `failed at n=${n}: ${error instanceof Error ? error.message : String(error)}`,
        });
        break;
      }
      if (skipped) {
        notes.push(skipNote(executor, n, skipped, plan.maxSeconds));
        break;
      }
      const calcMs = median(times);
      lastNs = (calcMs * 1e6) / pairs;
      const result = { executor, n, pairs, threads, calcMs, nsPerPair: lastNs };
      results.push(result);
      onResult(result);
    }
  }
  return { results, notes };
}
