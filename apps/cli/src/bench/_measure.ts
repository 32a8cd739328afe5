import { performance } from "node:perf_hooks";
import type { BenchPlaces } from "./_places.ts";
import { generatePlaces } from "./_places.ts";

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
    places: BenchPlaces,
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

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Runs every executor on every size: `warmup` untimed runs, then `repeat` timed runs, median.
 * A cell whose estimated time (from the executor's ns/pair at the previous size) exceeds
 * `maxSeconds` is skipped with a note, as are the larger sizes after it.
 */
export async function measure(
  plan: MeasurePlan,
  runner: MatrixRunner,
  signal: AbortSignal,
  onResult: (r: BenchResult) => void = () => {},
): Promise<{ results: BenchResult[]; notes: BenchNote[] }> {
  const results: BenchResult[] = [];
  const notes: BenchNote[] = [];
  const places = new Map<number, BenchPlaces>();
  const input = (n: number) => {
    let p = places.get(n);
    if (!p) {
      p = generatePlaces(n, plan.seed);
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
      if (lastNs !== undefined) {
        const estimate = (lastNs * pairs * runs) / 1e9;
        if (estimate > plan.maxSeconds) {
          notes.push({
            executor,
            n,
            kind: "skipped",
            text: `skipped from n=${n.toLocaleString("en-US")}: about ${Math.round(estimate)} s for ${runs} runs at ${lastNs.toLocaleString("en-US", { maximumFractionDigits: 1 })} ns/pair (limit ${plan.maxSeconds} s per cell, --max-seconds)`,
          });
          break;
        }
      }
      const times: number[] = [];
      let threads = 1;
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
          if (r >= plan.warmup) times.push(Number.isFinite(out.ms) ? out.ms : wall);
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
      const calcMs = median(times);
      lastNs = (calcMs * 1e6) / pairs;
      const result = { executor, n, pairs, threads, calcMs, nsPerPair: lastNs };
      results.push(result);
      onResult(result);
    }
  }
  return { results, notes };
}
