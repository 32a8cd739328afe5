import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineLoader } from "vitepress";
import { analyse, type SpeedUpRow } from "./bench-analysis.ts";
import { type BenchData, readBench } from "./bench-read.ts";

export type { SpeedUpRow } from "./bench-analysis.ts";
export type { BenchData, BenchRow } from "./bench-read.ts";

/** One bench run as the pages use it: the raw rows plus speed-ups and crossovers. */
export interface BenchSet extends BenchData {
  readonly sizes: number[];
  readonly speedUps: SpeedUpRow[];
  /** The load average when the run started, "1 5 15". */
  readonly load: string;
}

declare const data: { haversine: BenchSet; geodesic: BenchSet };

export { data };

// DMX_BENCH_DIR points the loader elsewhere (to check the page against sample results).
const dir =
  process.env.DMX_BENCH_DIR ?? fileURLToPath(new URL("../public/bench/", import.meta.url));

function set(name: string, chart: string): BenchSet {
  const bench = readBench(dir, name, chart);
  if (bench.problem) console.warn(`bench.data: ignoring ${bench.problem}`);
  let load = "";
  try {
    const json = JSON.parse(readFileSync(`${dir}${name}`, "utf8"));
    load = (json.machine?.loadAverage ?? []).join(" ");
  } catch {
    // no file: the component shows its placeholder
  }
  return { ...bench, ...analyse(bench.rows), load };
}

/**
 * Build-time data for pages 2 and 7: `dmx bench --json/--chart` output in public/bench/
 * (haversine: results.json + chart.svg; geodesic: geodesic.json + geodesic.svg), if any.
 */
export default defineLoader({
  watch: ["../public/bench/*"],
  load: () => ({
    haversine: set("results.json", "chart.svg"),
    geodesic: set("geodesic.json", "geodesic.svg"),
  }),
});
