import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One measured figure as a page shows it (a data/<id>.json file written by `measure`). */
export interface FigureData {
  id: string;
  command: string;
  output: string;
  /** "2026-12-01 10:10 UTC". */
  date: string;
  /** "AMD EPYC, 2 cores, linux 6.1, node v20.20.2". */
  machine: string;
  /** "4.29 4.94 2.64": the 1, 5 and 15 minute load averages before the run. */
  load: string;
}

/** Reads every data/*.json; a broken file is skipped with a warning (the page shows a note). */
export function readFigures(dir: string): Record<string, FigureData> {
  const out: Record<string, FigureData> = {};
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    try {
      const json = JSON.parse(readFileSync(join(dir, file), "utf8"));
      const m = json.measured ?? {};
      if (typeof json.id !== "string" || typeof json.output !== "string") continue;
      out[json.id] = {
        id: json.id,
        command: String(json.command ?? ""),
        output: json.output.replace(/\s+$/, ""),
        date: typeof m.date === "string" ? `${m.date.slice(0, 16).replace("T", " ")} UTC` : "",
        machine: [m.cpu, m.cores ? `${m.cores} cores` : "", m.os?.split(" ")[0], m.runtime]
          .filter(Boolean)
          .join(", "),
        load: Array.isArray(m.loadAverage) ? m.loadAverage.join(" ") : "",
      };
    } catch (error) {
      console.warn(`figures.data: ignoring ${file}: ${(error as Error).message}`);
    }
  }
  return out;
}
