import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import process from "node:process";
import type { CliIO, Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { DEFAULT_SIZES, parseBenchArgs } from "../bench/_args.ts";
import { renderChart } from "../bench/_chart.ts";
import { openRunner } from "../bench/_executors.ts";
import { machineInfo } from "../bench/_machine.ts";
import { measure } from "../bench/_measure.ts";
import { formatMs, formatNs, renderTable } from "../bench/_report.ts";

const HELP = `Usage: dmx bench [options]

Runs executors side by side on generated inputs of growing size and reports the compute
phase (computeMatrix: condensed matrix into memory, no file output). Fair by design: at
each size every executor first gets --warmup untimed runs, then --repeat timed rounds in
which the executors take turns in an order rotated by one each round, so none always runs
first on a cool machine; the median and the spread (slowest - fastest run, relative to the
median) are reported. Each executor is created once and reused, so its workers stay warm.
Inputs are random places from a seeded generator: the same seed gives the same numbers.

Options:
  -e, --executors LIST  comma-separated executors (default: all)
  -s, --sizes LIST      numbers of places (default: ${DEFAULT_SIZES.join(",")})
  -t, --threads N       workers for the parallel executors (default: number of cores)
  -r, --repeat N        timed runs per executor and size; the median is reported (default 5)
      --warmup N        untimed runs first (default 1)
  -m, --metric NAME     haversine (default), equirectangular or geodesic (Karney; about
                        250 times the work per pair: where parallelism pays)
      --seed N          seed of the generated places (default 42)
      --max-seconds S   skip a size when the executor's estimated time for it exceeds S
                        seconds, judged from its speed at the previous size (default 30)
      --json PATH       write {"command", "machine", "settings", "results": [{"executor", "n",
                        "pairs", "threads", "calcMs", "nsPerPair", "minMs", "maxMs"}], "rounds": [{"n",
                        "round", "order"}], "notes"}; "-" = stdout
      --chart PATH      write an SVG chart of ns per pair by size and executor
  -q, --quiet           no progress lines on stderr
  -h, --help            show this help

Columns: calc ms = median compute phase; ns/pair = calc ms / pairs; vs sequential =
sequential's calc ms / this calc ms at the same size; spread = (slowest - fastest) / median.
`;

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

/** `dmx bench`: every executor on generated inputs; table, JSON, SVG chart. */
export const benchCommand: Command = {
  name: "bench",
  summary: summaries.bench,
  async run(argv, io: CliIO) {
    const opts = parseBenchArgs(argv);
    if (opts.help) {
      io.stdout.write(HELP);
      return ExitCode.ok;
    }
    const runner = openRunner(opts.threads, opts.metric);
    try {
      const executors = opts.executors ?? runner.names;
      const unknown = executors.filter((e) => !runner.names.includes(e));
      if (unknown.length > 0) {
        throw new UsageError(
          `unknown executor "${unknown[0]}" (known: ${runner.names.join(", ")})`,
        );
      }
      const machine = machineInfo();
      const progress = (s: string) => {
        if (!opts.quiet) io.stderr.write(`${s}\n`);
      };
      progress(
        `dmx bench: ${executors.join(", ")} on n = ${opts.sizes.join(", ")}; metric ${opts.metric}; ${opts.warmup} warm-up + ${opts.repeat} timed round(s), order rotated; load ${machine.loadAverage.join(" ")}`,
      );
      const { results, notes, rounds } = await measure(
        { ...opts, executors },
        runner,
        io.signal,
        (r) =>
          progress(
            `  ${r.executor.padEnd(16)} n=${String(r.n).padStart(6)}  ${formatMs(r.calcMs).padStart(9)} ms  ${formatNs(r.nsPerPair).padStart(7)} ns/pair`,
          ),
      );
      const settings = {
        sizes: opts.sizes,
        threads: opts.threads ?? machine.cores,
        repeat: opts.repeat,
        warmup: opts.warmup,
        seed: opts.seed,
        metric: opts.metric,
        statistic: "median",
        order: "rotated",
      };
      const table = renderTable(results, notes, opts.sizes);
      const header = `${machine.cpu}, ${machine.cores} cores, ${machine.runtime}; metric ${opts.metric}; median of ${opts.repeat} rotated rounds after ${opts.warmup} warm-up; load ${machine.loadAverage.join(" ")}\n\n`;
      const command = ["dmx", "bench", ...argv].join(" ");
      const json = `${JSON.stringify({ command, machine, settings, results, rounds, notes }, null, 2)}\n`;
      if (opts.json === "-") {
        io.stderr.write(header + table);
        io.stdout.write(json);
      } else {
        io.stdout.write(header + table);
        if (opts.json) await writeAtomic(resolve(io.cwd, opts.json), json);
      }
      if (opts.chart) {
        const subtitle = `${machine.cpu}, ${machine.cores} cores, ${machine.runtime}; ${settings.threads} threads; ${opts.metric}; median of ${opts.repeat}`;
        await writeAtomic(resolve(io.cwd, opts.chart), renderChart(results, { subtitle }));
      }
      return notes.some((n) => n.kind === "failed") ? ExitCode.failure : ExitCode.ok;
    } finally {
      await runner.close();
    }
  },
};
