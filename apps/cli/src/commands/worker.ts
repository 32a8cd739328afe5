import { MAX_THREADS } from "@dmx/executors";
import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { commonOptions } from "../_common-options.ts";
import { ExitCode, quote, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import type { CommandSpec, OptionTable } from "../_option-table.ts";
import { parseOptions } from "../_parse-options.ts";

/** `dmx worker`'s options: the one table its parsing, validation and `--help` come from. */
const workerOptions = {
  redis: {
    type: "text",
    value: "URL",
    help: "redis://[:password@]host[:port][/db], or rediss:// for TLS (required)",
  },
  "redis-ca": {
    type: "text",
    value: "FILE",
    help: "with rediss://: PEM file of the CA that signed the Redis server's certificate (default: Node's CAs and NODE_EXTRA_CA_CERTS)",
  },
  threads: {
    type: "int",
    short: "t",
    value: "N",
    min: 1,
    max: MAX_THREADS,
    defaultText: "CPU count",
    help: "threads for the tiles",
  },
  concurrency: {
    type: "int",
    value: "K",
    min: 1,
    max: 64,
    default: 2,
    help: "tile jobs taken at once (2: one uploads while the next computes)",
  },
  "lock-duration": {
    type: "int",
    value: "MS",
    min: 100,
    max: 3_600_000,
    default: 30_000,
    help: "how long a taken tile stays locked without renewal; a tile of a worker that died goes to another after about this long",
  },
  "stalled-interval": {
    type: "int",
    value: "MS",
    min: 100,
    max: 3_600_000,
    default: 30_000,
    help: "how often to look for such tiles",
  },
  ...commonOptions({
    output: "none: results go back through Redis",
    json: "not available",
    quiet: "line per tile",
  }),
} as const satisfies OptionTable;

const workerSpec: CommandSpec<typeof workerOptions> = {
  name: "worker",
  usage: "dmx worker --redis URL [options]",
  about: `Takes tile jobs of \`dmx compute --cluster URL\` runs from Redis and computes them with
the shared-memory executor, until Ctrl-C or SIGTERM (it then finishes the tiles it has
and exits 0; if Redis is gone for 5 s meanwhile, it exits 130 without them, and other
workers take them). Start one on every machine that should help; any number may join or
leave during a run. One line per tile on stderr.`,
  options: workerOptions,
  footer:
    "Exit codes: 0 stopped by a signal, 1 Redis unreachable at the start, 2 bad usage, 130 stopped by a signal without Redis for 5 s.",
};

/** `dmx worker`: computes the tiles of cluster runs until it is stopped. */
export const workerCommand: Command = {
  name: "worker",
  summary: summaries.worker,
  async run(argv, io) {
    const { values, positionals } = parseOptions(workerSpec, argv);
    const answered = helpOrVersion(workerSpec, values, io.stdout);
    if (answered !== undefined) return answered;
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
    if (!values.redis) throw new UsageError("--redis URL is required (redis://host:port)");
    if (values.json || values.output !== undefined) {
      throw new UsageError("-o and --json do not apply: a worker sends its results through Redis");
    }
    const { threads, concurrency } = values;
    const lockDurationMs = values["lock-duration"];
    const stalledIntervalMs = values["stalled-interval"];
    const say = (line: string) => io.stderr.write(`dmx worker: ${line}\n`);
    const { startWorker, redactUrl } = await import("@dmx/cluster");
    let handle: Awaited<ReturnType<typeof startWorker>>;
    try {
      handle = await startWorker({
        redis: values.redis,
        redisCa: values["redis-ca"],
        threads,
        concurrency,
        lockDurationMs,
        stalledIntervalMs,
        log: values.quiet ? undefined : say,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      say((error as Error).message);
      return code === "BAD_OPTION" ? ExitCode.usage : ExitCode.failure;
    }
    say(
      `${handle.id} ready on ${redactUrl(values.redis)} (concurrency ${concurrency}); Ctrl-C to stop`,
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    say("stopping: finishing the tiles in hand");
    await handle.close();
    say(`stopped after ${handle.tilesDone} tiles`);
    if (handle.abandoned) {
      // Redis went away: BullMQ's timers would keep the process alive.
      io.endProcess?.();
      return ExitCode.failure;
    }
    return ExitCode.ok;
  },
};
