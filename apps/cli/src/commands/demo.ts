import { MAX_THREADS } from "@dmx/executors";
import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { commonOptions } from "../_common-options.ts";
import { ExitCode, quote, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import type { CommandSpec, OptionTable } from "../_option-table.ts";
import { expectWord, parseOptions } from "../_parse-options.ts";
import { writeText } from "../_write-text.ts";
import { formatRaceReport } from "../demo/_race-report.ts";
import { formatEventLoopReport, phaseLine } from "../demo/_report.ts";
import { runEventLoopDemo } from "../demo/event-loop.ts";
import { runRaceDemo } from "../demo/race.ts";

/** `dmx demo`'s options: the one table its parsing, validation and `--help` come from. */
const demoOptions = {
  tasks: {
    type: "int",
    value: "N",
    min: 1,
    max: 1000,
    default: 5,
    help: "event-loop: how many tasks",
  },
  ms: {
    type: "int",
    value: "N",
    min: 1,
    max: 60_000,
    default: 1000,
    help: "event-loop: how long each task sleeps, and its work in ms of calibrated computation",
  },
  threads: {
    type: "int",
    short: "t",
    value: "N",
    min: 1,
    max: MAX_THREADS,
    defaultText: "number of cores",
    help: "event-loop: worker threads for the third run",
  },
  workers: {
    type: "int",
    value: "N",
    min: 2,
    max: 64,
    default: 2,
    help: "race: workers incrementing the counter",
  },
  iterations: {
    type: "int",
    value: "N",
    min: 1,
    max: 10_000_000,
    default: 2_000_000,
    help: "race: increments per worker (enough for the workers to overlap)",
  },
  timeout: {
    type: "int",
    value: "MS",
    min: 10,
    max: 60_000,
    default: 500,
    help: "race: how long a worker waits for its second lock",
  },
  ...commonOptions({
    output: "stdout",
    json: 'event-loop: {"cores", "tasks", "ms", "threads", "iterationsPerTask", "iterationsPerMs", "sleepMs", "sleepCpuMs", "mainThreadBusyMs", "mainThreadBusyCpuMs", "workersBusyMs", "workersBusyCpuMs", "sameWork"}; race: {"cores", "workers", "iterations", "variants": [{"name", "counter", "expected", "lostUpdates", "ms"}], "deadlock", "ordered"}',
    quiet: "progress lines",
  }),
} as const satisfies OptionTable;

const demoSpec: CommandSpec<typeof demoOptions> = {
  name: "demo",
  usage: "dmx demo event-loop [options]\n       dmx demo race [options]",
  about: `dmx demo event-loop shows what the event loop does with waiting and with computing:
  1. N sleeps awaited together take about one sleep (timers overlap);
  2. N busy tasks on the main thread take N times as long (CPU work does not overlap);
  3. N busy tasks in worker threads take about ceil(N / threads) times as long.
A busy task is a fixed amount of computation, calibrated once at start to take --ms on this
machine's main thread; each run reports its wall time and the CPU time of all threads, so a
machine too busy to give every worker a core shows it.

dmx demo race: shared memory breeds race conditions. --workers workers increment one counter
in a SharedArrayBuffer --iterations times each: with a plain += (updates get lost: the report
says how many), with Atomics.add (exact) and under a mutex built on Atomics.wait/notify
(exact, slower); each variant is timed. Then two workers take two locks in opposite order:
a deadlock, detected by a timeout and reported (the demo never hangs), and in the same order.`,
  options: demoOptions,
};

const only: Readonly<Record<string, readonly string[]>> = {
  "event-loop": ["tasks", "ms", "threads"],
  race: ["workers", "iterations", "timeout"],
};

/** `dmx demo event-loop` and `dmx demo race`. */
export const demoCommand: Command = {
  name: "demo",
  summary: summaries.demo,
  async run(argv, io) {
    const { values, positionals, given } = parseOptions(demoSpec, argv);
    const answered = helpOrVersion(demoSpec, values, io.stdout);
    if (answered !== undefined) return answered;
    const [demo, ...extra] = positionals;
    expectWord("demo", demo, ["event-loop", "race"], "demo");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${quote(extra[0]!)}`);
    const other = demo === "race" ? only["event-loop"]! : only.race!;
    const misplaced = other.find((name) => given.has(name));
    if (misplaced) throw new UsageError(`--${misplaced} is not an option of dmx demo ${demo}`);
    const progress = !values.quiet && !values.json;
    if (demo === "race") {
      const result = await runRaceDemo({
        workers: values.workers,
        iterations: values.iterations,
        timeoutMs: values.timeout,
        onVariant: (name) => {
          if (progress) io.stderr.write(`running ${name}...\n`);
        },
      });
      const text = values.json ? `${JSON.stringify(result)}\n` : formatRaceReport(result);
      await writeText(values.output, text, io);
      return ExitCode.ok;
    }
    const { tasks, ms, threads } = values;
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
