import type { BenchRow } from "./bench-read.ts";

/** One executor's speed-ups over `sequential`, where workers start to pay, and Amdahl's p. */
export interface SpeedUpRow {
  readonly executor: string;
  readonly threads: number;
  /** sequential calc ms / this calc ms, per measured size (undefined: not measured). */
  readonly speedUps: (number | undefined)[];
  /**
   * The smallest measured n from which this executor beats sequential at every larger
   * measured size too; undefined when it never does within the sizes measured.
   */
  readonly crossoverN: number | undefined;
  /**
   * Amdahl's law, S = 1 / ((1 - p) + p / N), solved for the parallel fraction p from the
   * speed-up S at the largest size with N threads; undefined below a speed-up of 1.
   */
  readonly parallelFraction: number | undefined;
}

/** The speed-up table of a bench run: sizes ascending, one row per non-sequential executor. */
export function analyse(rows: readonly BenchRow[]): { sizes: number[]; speedUps: SpeedUpRow[] } {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const base = new Map(rows.filter((r) => r.executor === "sequential").map((r) => [r.n, r.calcMs]));
  const executors = [...new Set(rows.map((r) => r.executor))].filter((e) => e !== "sequential");
  const speedUps = executors.map((executor): SpeedUpRow => {
    const mine = rows.filter((r) => r.executor === executor);
    const at = sizes.map((n) => {
      const r = mine.find((x) => x.n === n);
      const b = base.get(n);
      return r && b !== undefined && r.calcMs > 0 ? b / r.calcMs : undefined;
    });
    let crossoverN: number | undefined;
    for (let i = sizes.length - 1; i >= 0; i--) {
      const s = at[i];
      if (s === undefined || s <= 1) break;
      crossoverN = sizes[i];
    }
    const last = [...at].reverse().find((s) => s !== undefined);
    const threads = Math.max(1, ...mine.map((r) => r.threads));
    const parallelFraction =
      last !== undefined && last >= 1 && threads > 1
        ? Math.min(1, (1 - 1 / last) / (1 - 1 / threads))
        : undefined;
    return { executor, threads, speedUps: at, crossoverN, parallelFraction };
  });
  return { sizes, speedUps };
}
