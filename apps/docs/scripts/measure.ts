// `pnpm --filter @dmx/docs run measure [id-or-prefix ...]`: runs the course's figures and
// writes data/<id>.json for each (the command, what it printed, the machine, the date and the
// load average), which the pages render. Without arguments it runs every figure.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, platform, release } from "node:os";
import { fileURLToPath } from "node:url";
import { runFigure } from "./_run.ts";
import { figures } from "./figures.ts";

const dataDir = fileURLToPath(new URL("../data/", import.meta.url));

/** Where and when a figure was measured (the `measured` object of a data file). */
export interface Measured {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
  readonly runtime: string;
  /** 1, 5 and 15 minute load averages just before the command ran. */
  readonly loadAverage: readonly number[];
  /** The 1 minute load average just after it ended. */
  readonly loadAfter: number;
  readonly seconds: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function main(args: string[]): Promise<number> {
  const chosen = figures().filter(
    (f) => args.length === 0 || args.some((a) => f.id === a || f.id.startsWith(a)),
  );
  if (chosen.length === 0) {
    process.stderr.write(`measure: no figure matches ${args.join(" ")}\n`);
    return 2;
  }
  mkdirSync(dataDir, { recursive: true });
  let failed = 0;
  for (const figure of chosen) {
    const loadAverage = loadavg().map(round2);
    process.stderr.write(`measure: ${figure.id} (load ${loadAverage.join(" ")}) ... `);
    const run = await runFigure(figure);
    process.stderr.write(`${run.seconds.toFixed(1)} s, exit ${run.exitCode}\n`);
    if (run.exitCode !== 0) {
      process.stderr.write(
        `${run.output}\nmeasure: ${figure.id} failed; its data file is unchanged\n`,
      );
      failed++;
      continue;
    }
    const measured: Measured = {
      date: new Date().toISOString(),
      cpu: cpus()[0]?.model.trim() ?? "unknown",
      cores: availableParallelism(),
      os: `${platform()} ${release()}`,
      runtime: `node ${process.version}`,
      loadAverage,
      loadAfter: round2(loadavg()[0]!),
      seconds: round2(run.seconds),
    };
    const data = {
      id: figure.id,
      page: figure.page,
      command: figure.command,
      output: run.output,
      measured,
    };
    writeFileSync(`${dataDir}${figure.id}.json`, `${JSON.stringify(data, null, 2)}\n`);
  }
  process.stderr.write(
    `measure: ${chosen.length - failed} of ${chosen.length} figures written to apps/docs/data/\n`,
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
