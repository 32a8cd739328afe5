import { parseCommandArgs, wholeNumberOption } from "../_args.ts";
import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { ExitCode, UsageError } from "../_errors.ts";

const help = `Usage: dmx worker --redis URL [options]

Takes tile jobs of \`dmx compute --cluster URL\` runs from Redis and computes them with
the shared-memory executor, until Ctrl-C or SIGTERM (it then finishes the tiles it has
and exits 0). Start one on every machine that should help; any number may join or leave
during a run. One line per tile on stderr.

Options:
  --redis URL             redis://[:password@]host[:port][/db], or rediss:// for TLS
  --threads N             threads for the tiles (default: CPU count)
  --concurrency K         tile jobs taken at once (default 2: one uploads while the
                          next computes)
  --lock-duration MS      how long a taken tile stays locked without renewal; a tile of
                          a worker that died goes to another after about this long
                          (default 30000)
  --stalled-interval MS   how often to look for such tiles (default 30000)
  --quiet                 no line per tile
  -h, --help              show this help

Exit codes: 0 stopped by a signal, 1 Redis unreachable at the start, 2 bad usage.
`;

const OPTIONS = {
  redis: { type: "string" },
  threads: { type: "string" },
  concurrency: { type: "string" },
  "lock-duration": { type: "string" },
  "stalled-interval": { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `dmx worker`: computes the tiles of cluster runs until it is stopped. */
export const workerCommand: Command = {
  name: "worker",
  summary: summaries.worker,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      io.stdout.write(help);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.redis) throw new UsageError("--redis URL is required (redis://host:port)");
    const threads =
      values.threads === undefined
        ? undefined
        : wholeNumberOption("threads", values.threads, 1, 1, 256);
    const concurrency = wholeNumberOption("concurrency", values.concurrency, 2, 1, 64);
    const lockDurationMs = wholeNumberOption(
      "lock-duration",
      values["lock-duration"],
      30_000,
      100,
      3_600_000,
    );
    const stalledIntervalMs = wholeNumberOption(
      "stalled-interval",
      values["stalled-interval"],
      30_000,
      100,
      3_600_000,
    );
    const say = (line: string) => io.stderr.write(`dmx worker: ${line}\n`);
    const { startWorker, redactUrl } = await import("@dmx/cluster");
    let handle: Awaited<ReturnType<typeof startWorker>>;
    try {
      handle = await startWorker({
        redis: values.redis,
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
    return ExitCode.ok;
  },
};
