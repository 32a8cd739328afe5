import { fileURLToPath } from "node:url";
import { defineLoader } from "vitepress";
import { type BenchData, readBench } from "./bench-read.ts";

export type { BenchData, BenchRow } from "./bench-read.ts";

declare const data: BenchData;

export { data };

// DMX_BENCH_DIR points the loader elsewhere (to check the page against sample results).
const dir =
  process.env.DMX_BENCH_DIR ?? fileURLToPath(new URL("../public/bench/", import.meta.url));

/** Build-time data for page 7: `dmx bench --json/--chart` output in public/bench/, if any. */
export default defineLoader({
  watch: ["../public/bench/*"],
  load(): BenchData {
    const bench = readBench(dir);
    if (bench.problem) console.warn(`bench.data: ignoring ${bench.problem}`);
    return bench;
  },
});
