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
  /** Fastest and slowest timed run, milliseconds: the spread around the median. */
  readonly minMs?: number;
  readonly maxMs?: number;
}

/** The order in which the executors ran one round of timed runs at one size. */
export interface BenchRound {
  readonly n: number;
  /** 0-based timed round. */
  readonly round: number;
  readonly order: readonly string[];
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
 * The order of round `round`: the list rotated left by `round`, so across rounds every executor
 * runs first, second, ... in turn and none always inherits a cool (or hot) machine.
 */
export function rotation<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

interface Cell {
  times: number[];
  threads: number;
}

/**
 * Runs every executor on every size, fairly: at each size every executor first gets `warmup`
 * untimed runs (its workers started, its code compiled), then `repeat` timed rounds in which
 * the executors take turns in an order rotated by one each round ({@link rotation}); the
 * median and the fastest and slowest run are reported. An executor whose runs at a size would
 * take more than `maxSeconds` in all is skipped from that size on, with a note: judged from its
 * ns/pair at the previous size, and when that estimate is over the limit but one run is not,
 * from its first (warm-up) run.
 */
export async function measure(
  plan: MeasurePlan,
  runner: MatrixRunner,
  signal: AbortSignal,
  onResult: (r: BenchResult) => void = () => {},
): Promise<{ results: BenchResult[]; notes: BenchNote[]; rounds: BenchRound[] }> {
  const results: BenchResult[] = [];
  const notes: BenchNote[] = [];
  const rounds: BenchRound[] = [];
  const stopped = new Set<string>();
  const lastNs = new Map<string, number>();
  const seen = new Set<string>();
  const runs = plan.warmup + plan.repeat;
  const once = async (executor: string, n: number, places: LocationTable, cell: Cell) => {
    const t0 = performance.now();
    const out = await runner.compute(executor, places, signal);
    const wall = performance.now() - t0;
    cell.threads = out.threads;
    for (const text of out.notes) {
      if (!seen.has(`${executor}\n${text}`)) notes.push({ executor, n, kind: "executor", text });
      seen.add(`${executor}\n${text}`);
    }
    return Number.isFinite(out.ms) ? out.ms : wall;
  };
  const fail = (executor: string, n: number, error: unknown) => {
    if (signal.aborted) throw error;
    notes.push({
      executor,
      n,
      kind: "failed",
      text: `failed at n=${n}: ${error instanceof Error ? error.message : String(error)}`,
    });
    stopped.add(executor);
  };
  for (const n of plan.sizes) {
    signal.throwIfAborted();
    const pairs = (n * (n - 1)) / 2;
    const places = randomLocationTable(n, plan.seed);
    const cells = new Map<string, Cell>();
    // Warm-up (and probe): every executor still in the race, in the order given.
    for (const executor of plan.executors) {
      if (stopped.has(executor)) continue;
      const last = lastNs.get(executor);
      let probe = false;
      if (last !== undefined) {
        const oneRun = (last * pairs) / 1e9;
        if (oneRun > plan.maxSeconds) {
          notes.push(
            skipNote(
              executor,
              n,
              `about ${Math.round(oneRun)} s per run at ${fmtNs(last)} ns/pair`,
              plan.maxSeconds,
            ),
          );
          stopped.add(executor);
          continue;
        }
        probe = oneRun * runs > plan.maxSeconds;
      }
      const cell: Cell = { times: [], threads: 1 };
      try {
        for (let w = 0; w < Math.max(plan.warmup, probe ? 1 : 0); w++) {
          signal.throwIfAborted();
          const ms = await once(executor, n, places, cell);
          if (w >= plan.warmup) cell.times.push(ms); // no warm-up asked: the probe counts
          if (probe && w === 0 && (ms / 1000) * runs > plan.maxSeconds) {
            notes.push(
              skipNote(executor, n, `one run took ${(ms / 1000).toFixed(1)} s`, plan.maxSeconds),
            );
            stopped.add(executor);
            break;
          }
        }
      } catch (error) {
        fail(executor, n, error);
      }
      if (!stopped.has(executor)) cells.set(executor, cell);
    }
    // Timed rounds, the order rotated each round.
    const racing = [...cells.keys()];
    for (let round = 0; round < plan.repeat; round++) {
      const order = rotation(racing, round).filter(
        (e) => (cells.get(e)?.times.length ?? plan.repeat) < plan.repeat,
      );
      if (order.length === 0) continue;
      rounds.push({ n, round, order });
      for (const executor of order) {
        const cell = cells.get(executor)!;
        try {
          cell.times.push(await once(executor, n, places, cell));
        } catch (error) {
          fail(executor, n, error);
          cells.delete(executor);
        }
      }
    }
    for (const [executor, cell] of cells) {
      const calcMs = median(cell.times);
      lastNs.set(executor, (calcMs * 1e6) / pairs);
      const result: BenchResult = {
        executor,
        n,
        pairs,
        threads: cell.threads,
        calcMs,
        nsPerPair: (calcMs * 1e6) / pairs,
        minMs: Math.min(...cell.times),
        maxMs: Math.max(...cell.times),
      };
      results.push(result);
      onResult(result);
    }
  }
  return { results, notes, rounds };
}
