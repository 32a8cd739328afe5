import { parseCommandArgs, wholeNumberOption } from "../_args.ts";
import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { formatRaceReport } from "../demo/_race-report.ts";
import { formatEventLoopReport, phaseLine } from "../demo/_report.ts";
import { runEventLoopDemo } from "../demo/event-loop.ts";
import { runRaceDemo } from "../demo/race.ts";

const HELP = `Usage: dmx demo event-loop [options]
       dmx demo race [options]

Shows what the event loop does with waiting and with computing:
  1. N sleeps awaited together take about one sleep (timers overlap);
  2. N busy tasks on the main thread take N times as long (CPU work does not overlap);
  3. N busy tasks in worker threads take about ceil(N / threads) times as long.
A busy task is a fixed amount of computation, calibrated once at start to take --ms on this
machine's main thread; each run reports its wall time and the CPU time of all threads, so a
machine too busy to give every worker a core shows it.

Options:
  --tasks N     how many tasks (default 5)
  --ms N        how long each task sleeps, and its work in ms of calibrated computation (default 1000)
  --threads N   worker threads for the third run (default: number of cores)
  --json        print {"cores","tasks","ms","threads","iterationsPerTask","iterationsPerMs",
                "sleepMs","sleepCpuMs","mainThreadBusyMs","mainThreadBusyCpuMs",
                "workersBusyMs","workersBusyCpuMs","sameWork"}
  -q, --quiet   no progress lines on stderr
  -h, --help    show this help

dmx demo race: shared memory breeds race conditions. --workers workers increment one counter
in a SharedArrayBuffer --iterations times each: with a plain += (updates get lost: the report
says how many), with Atomics.add (exact) and under a mutex built on Atomics.wait/notify
(exact, slower); each variant is timed. Then two workers take two locks in opposite order:
a deadlock, detected by a timeout and reported (the demo never hangs), and in the same order.

Options:
  --workers N       workers incrementing the counter (default 2, at least 2)
  --iterations N    increments per worker (default 2000000: enough for the workers to overlap)
  --timeout MS      how long a worker waits for its second lock (default 500)
  --json            print {"cores","workers","iterations","variants":[{"name","counter",
                    "expected","lostUpdates","ms"}],"deadlock":{...},"ordered":{...}}
  -q, --quiet       no progress lines on stderr
`;

/** `dmx demo event-loop`: sleeps overlap, busy loops on the main thread do not, workers help. */
export const demoCommand: Command = {
  name: "demo",
  summary: summaries.demo,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, DEMO_OPTIONS, `\n\n${HELP}`);
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout.write(HELP);
      return ExitCode.ok;
    }
    const [demo, ...extra] = positionals;
    if (demo === undefined) throw new UsageError(`which demo? (event-loop, race)\n\n${HELP}`);
    if (demo !== "event-loop" && demo !== "race") {
      throw new UsageError(`unknown demo "${demo}" (known: event-loop, race)`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const only =
      demo === "race" ? ["tasks", "ms", "threads"] : ["workers", "iterations", "timeout"];
    const misplaced = only.find((name) => values[name as keyof typeof values] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} is not an option of dmx demo ${demo}`);
    if (demo === "race") {
      const workers = wholeNumberOption("workers", values.workers, 2, 2, 64);
      const iterations = wholeNumberOption(
        "iterations",
        values.iterations,
        2_000_000,
        1,
        10_000_000,
      );
      const timeoutMs = wholeNumberOption("timeout", values.timeout, 500, 10, 60_000);
      const result = await runRaceDemo({
        workers,
        iterations,
        timeoutMs,
        onVariant: (name) => {
          if (!values.quiet && !values.json) io.stderr.write(`running ${name}...\n`);
        },
      });
      io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatRaceReport(result));
      return ExitCode.ok;
    }
    const tasks = wholeNumberOption("tasks", values.tasks, 5, 1, 1000);
    const ms = wholeNumberOption("ms", values.ms, 1000, 1, 60_000);
    const threads =
      values.threads === undefined
        ? undefined
        : wholeNumberOption("threads", values.threads, 1, 1, 256);
    const progress = !values.quiet && !values.json;
    const result = await runEventLoopDemo({
      tasks,
      ms,
      ...(threads === undefined ? {} : { threads }),
      onPhase: (phase, used) => {
        if (progress) io.stderr.write(phaseLine(phase, tasks, ms, used));
      },
    });
    io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatEventLoopReport(result));
    return ExitCode.ok;
  },
};

const DEMO_OPTIONS = {
  tasks: { type: "string" },
  ms: { type: "string" },
  threads: { type: "string" },
  workers: { type: "string" },
  iterations: { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;
