import { fileURLToPath } from "node:url";
import { defineLoader } from "vitepress";
import { type FigureData, readFigures } from "./figures-read.ts";

export type { FigureData } from "./figures-read.ts";

declare const data: Record<string, FigureData>;

export { data };

const dir = fileURLToPath(new URL("../data/", import.meta.url));

/** Build-time data for every page: the figures `pnpm --filter @dmx/docs run measure` wrote. */
export default defineLoader({
  watch: ["../data/*.json"],
  load: () => readFigures(dir),
});
