import type { CliIO, Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import { writeText } from "../_write-text.ts";
import { benchSpec, parseBenchArgs } from "../bench/_args.ts";
import { renderChart } from "../bench/_chart.ts";
import { openRunner } from "../bench/_executors.ts";
import { machineInfo } from "../bench/_machine.ts";
import { measure } from "../bench/_measure.ts";
import { formatMs, formatNs, renderTable } from "../bench/_report.ts";

/** `dmx bench`: every executor on generated inputs; table, JSON, SVG chart. */
export const benchCommand: Command = {
  name: "bench",
  summary: summaries.bench,
  async run(argv, io: CliIO) {
    const opts = parseBenchArgs(argv);
    const answered = helpOrVersion(benchSpec, opts, io.stdout);
    if (answered !== undefined) return answered;
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
      if (opts.json) {
        // The JSON is the data; the table goes to stdout beside a JSON file, else to stderr unless -q.
        const toFile = opts.output !== undefined && opts.output !== "-";
        if (toFile) io.stdout.write(header + table);
        else if (!opts.quiet) io.stderr.write(header + table);
        await writeText(opts.output, json, io);
      } else {
        await writeText(opts.output, header + table, io);
      }
      if (opts.chart) {
        const subtitle = `${machine.cpu}, ${machine.cores} cores, ${machine.runtime}; ${settings.threads} threads; ${opts.metric}; median of ${opts.repeat}`;
        await writeText(opts.chart, renderChart(results, { subtitle }), io);
      }
      return notes.some((n) => n.kind === "failed") ? ExitCode.failure : ExitCode.ok;
    } finally {
      await runner.close();
    }
  },
};
