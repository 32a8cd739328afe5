import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineLoader } from "vitepress";

/** One row of `dmx bench --json` output (DESIGN: issue 8). */
export interface BenchRow {
  executor: string;
  n: number;
  pairs: number;
  threads: number;
  calcMs: number;
  nsPerPair: number;
}

/** What page 7 shows: whether chart.svg exists, and the rows of results.json (if any). */
export interface BenchData {
  chart: boolean;
  machine: string;
  rows: BenchRow[];
}

declare const data: BenchData;

export { data };

const dir = fileURLToPath(new URL("../public/bench/", import.meta.url));

function describeMachine(machine: unknown): string {
  if (machine === null || typeof machine !== "object") return "an unnamed machine";
  const m = machine as Record<string, unknown>;
  const parts = [
    m.cpu ?? m.cpuModel ?? m.model,
    m.cores === undefined ? undefined : `${m.cores} cores`,
    m.node ?? m.runtime,
  ];
  return (
    parts
      .filter((p) => p !== undefined && p !== "")
      .map(String)
      .join(", ") || "an unnamed machine"
  );
}

export default defineLoader({
  watch: ["../public/bench/*"],
  load(): BenchData {
    const chart = existsSync(`${dir}chart.svg`);
    const file = `${dir}results.json`;
    if (!existsSync(file)) return { chart, machine: "", rows: [] };
    try {
      const json = JSON.parse(readFileSync(file, "utf8")) as {
        machine?: unknown;
        results?: unknown;
      };
      const rows = Array.isArray(json.results) ? (json.results as BenchRow[]) : [];
      const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : x);
      return {
        chart,
        machine: describeMachine(json.machine),
        rows: rows.map((r) => ({ ...r, calcMs: round(r.calcMs), nsPerPair: round(r.nsPerPair) })),
      };
    } catch (error) {
      // A broken results file must not break the site: say so on the page instead.
      console.warn(`bench.data: cannot read ${file}: ${String(error)}`);
      return { chart, machine: "", rows: [] };
    }
  },
});
