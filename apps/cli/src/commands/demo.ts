import { MAX_THREADS } from "@dmx/executors";
import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { commonOptions } from "../_common-options.ts";
import { ExitCode, quote, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import type { CommandSpec, OptionTable } from "../_option-table.ts";
import { expectWord, parseOptions } from "../_parse-options.ts";
import { writeText } from "../_write-text.ts";
import { formatEventLoopReport, phaseLine } from "../demo/_report.ts";
import { runEventLoopDemo } from "../demo/event-loop.ts";

/** `dmx demo`'s options: the one table its parsing, validation and `--help` come from. */
const demoOptions = {
  tasks: { type: "int", value: "N", min: 1, max: 1000, default: 5, help: "how many tasks" },
  ms: {
    type: "int",
    value: "N",
    min: 1,
    max: 60_000,
    default: 1000,
    help: "how long each task sleeps or spins, in milliseconds",
  },
  threads: {
    type: "int",
    short: "t",
    value: "N",
    min: 1,
    max: MAX_THREADS,
    defaultText: "number of cores",
    help: "worker threads for the third run",
  },
  ...commonOptions({
    output: "stdout",
    json: '{"cores", "tasks", "ms", "threads", "sleepMs", "mainThreadBusyMs", "workersBusyMs"}',
    quiet: "progress lines",
  }),
} as const satisfies OptionTable;

const demoSpec: CommandSpec<typeof demoOptions> = {
  name: "demo",
  usage: "dmx demo event-loop [options]",
  about: `Shows what the event loop does with waiting and with computing:
  1. N sleeps awaited together take about one sleep (timers overlap);
  2. N busy loops on the main thread take N times as long (CPU work does not overlap);
  3. N busy loops in worker threads take about ceil(N / threads) times as long.`,
  options: demoOptions,
};

/** `dmx demo event-loop`: sleeps overlap, busy loops on the main thread do not, workers help. */
export const demoCommand: Command = {
  name: "demo",
  summary: summaries.demo,
  async run(argv, io) {
    const { values, positionals } = parseOptions(demoSpec, argv);
    const answered = helpOrVersion(demoSpec, values, io.stdout);
    if (answered !== undefined) return answered;
    const [demo, ...extra] = positionals;
    expectWord("demo", demo, ["event-loop"], "demo");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${quote(extra[0]!)}`);
    const { tasks, ms, threads } = values;
    const progress = !values.quiet && !values.json;
    const result = await runEventLoopDemo({
      tasks,
      ms,
      ...(threads === undefined ? {} : { threads }),
      onPhase: (phase, used) => {
        if (progress) io.stderr.write(phaseLine(phase, tasks, ms, used));
      },
    });
    const text = values.json ? `${JSON.stringify(result)}\n` : formatEventLoopReport(result);
    await writeText(values.output, text, io);
    return ExitCode.ok;
  },
};
