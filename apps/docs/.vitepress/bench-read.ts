import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One row of `dmx bench --json` output. */
export interface BenchRow {
  executor: string;
  n: number;
  pairs: number;
  threads: number;
  calcMs: number;
  nsPerPair: number;
}

/** What page 7 shows: whether chart.svg exists, and what results.json says (if anything). */
export interface BenchData {
  chart: boolean;
  /** The command that produced the results, when recorded. */
  command: string;
  /** e.g. "Intel(R) Xeon(R) ..., 2 cores, node v20.20.2, 2026-11-21". */
  machine: string;
  rows: BenchRow[];
  /** Why results.json could not be used, if it exists but is unreadable. */
  problem: string;
}

function describeMachine(machine: unknown): string {
  if (machine === null || typeof machine !== "object") return "an undescribed machine";
  const m = machine as Record<string, unknown>;
  const parts = [
    m.cpu,
    typeof m.cores === "number" ? `${m.cores} cores` : undefined,
    m.runtime,
    typeof m.date === "string" ? m.date.slice(0, 10) : undefined,
  ];
  const text = parts.filter((p) => typeof p === "string" && p !== "").join(", ");
  return text === "" ? "an undescribed machine" : text;
}

const round = (x: unknown) =>
  typeof x === "number" && Number.isFinite(x) ? Math.round(x * 100) / 100 : Number.NaN;

/**
 * Reads `results.json` (or `name`) and checks for `chart.svg` (or `chartName`) in `dir`
 * (public/bench/). Never throws: a
 * missing or broken file gives no rows (and a `problem` for a broken one), so the site still
 * builds and page 7 shows a note instead.
 */
export function readBench(dir: string, name = "results.json", chartName = "chart.svg"): BenchData {
  const chart = existsSync(join(dir, chartName));
  const empty = { chart, command: "", machine: "", rows: [], problem: "" };
  const file = join(dir, name);
  if (!existsSync(file)) return empty;
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    if (!Array.isArray(json.results)) throw new Error('no "results" array');
    const rows = (json.results as Record<string, unknown>[]).map((r, i) => {
      if (typeof r.executor !== "string") throw new Error(`results[${i}].executor is not a string`);
      return {
        executor: r.executor,
        n: Number(r.n),
        pairs: Number(r.pairs),
        threads: Number(r.threads),
        calcMs: round(r.calcMs),
        nsPerPair: round(r.nsPerPair),
      };
    });
    return {
      chart,
      command: typeof json.command === "string" ? json.command : "",
      machine: describeMachine(json.machine),
      rows,
      problem: "",
    };
  } catch (error) {
    return {
      ...empty,
      problem: `${file}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
