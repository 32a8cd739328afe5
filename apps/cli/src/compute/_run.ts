import { isAbsolute, relative, resolve } from "node:path";
import process from "node:process";
import { ExecutorError, writeMatrix } from "@dmx/executors";
import { LocationParseError } from "@dmx/geo";
import type { CliIO } from "../_command.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { cliVersion } from "../_version.ts";
import { runOnCluster } from "./_cluster.ts";
import { computeHelp, parseComputeArgs } from "./_options.ts";
import { formatDuration, ProgressBar } from "./_progress.ts";

/** Runs `dmx compute` and resolves to the exit code. */
export async function runCompute(argv: readonly string[], io: CliIO): Promise<number> {
  const started = performance.now();
  const args = parseComputeArgs(argv);
  if (args.help) {
    io.stdout.write(computeHelp);
    return ExitCode.ok;
  }
  if (args.version) {
    io.stdout.write(`${cliVersion()}\n`);
    return ExitCode.ok;
  }
  // Paths as the user typed them (so errors name them that way), unless io.cwd differs.
  const at = (path: string | undefined) =>
    path === undefined || isAbsolute(path) || io.cwd === process.cwd()
      ? path
      : resolve(io.cwd, path);
  const toStdout = args.output === "-";
  const showProgress = !args.quiet && !!io.stderr.isTTY;
  const color = !io.env.NO_COLOR;
  const bar = showProgress ? new ProgressBar(io.stderr, color) : undefined;
  let runId: string | undefined;
  try {
    const where = {
      input: at(args.options.input as string)!,
      destinations: at(args.options.destinations as string | undefined),
      output: toStdout ? io.stdout : at(args.output),
    };
    const result = args.cluster
      ? await runOnCluster(args, args.cluster, where, io, (id) => {
          runId = id;
        })
      : await writeMatrix({
          ...args.options,
          ...where,
          signal: io.signal,
          onProgress: bar && ((p) => bar.update(p)),
        });
    bar?.clear();
    if (!args.quiet) {
      for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
      const where = result.outputPath
        ? relative(io.cwd, result.outputPath) || result.outputPath
        : "stdout";
      const places =
        result.destinations === result.origins && !args.options.destinations
          ? `${result.origins} places`
          : `${result.origins} origins x ${result.destinations} destinations`;
      const threads =
        result.executor === ("cluster" as string)
          ? `run ${runId}`
          : result.threads === 1
            ? "1 thread"
            : `${result.threads} workers`;
      io.stderr.write(
        `Wrote ${where}: ${result.values} distances, ${places}, ${result.format}, ${result.executor} (${threads})\n`,
      );
      io.stderr.write(`Calc time: ${formatDuration(result.calcMs)}\n`);
      io.stderr.write(`Total time: ${formatDuration(performance.now() - started)}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    bar?.clear();
    return report(error, io, runId);
  }
}

function report(error: unknown, io: CliIO, runId?: string): number {
  const say = (message: string) => io.stderr.write(`dmx compute: ${message}\n`);
  const resume = runId ? ` (finished tiles stay in Redis for an hour: add --resume ${runId})` : "";
  if (io.signal.aborted) {
    say(`interrupted; no output written${resume}`);
    return ExitCode.failure;
  }
  if ((error as { name?: string }).name === "ClusterError") {
    const code = (error as { code?: string }).code;
    const usage = code === "BAD_OPTION" || code === "RESUME_MISMATCH";
    say(`${(error as Error).message}; no output written${usage ? "" : resume}`);
    return usage ? ExitCode.usage : ExitCode.failure;
  }
  if (error instanceof UsageError) throw error;
  if (error instanceof LocationParseError) {
    say(error.message);
    return ExitCode.usage;
  }
  if (error instanceof ExecutorError) {
    say(error.message);
    return error.code === "BAD_OPTION" || error.code === "OUTPUT_IS_INPUT"
      ? ExitCode.usage
      : ExitCode.failure;
  }
  const code = (error as { code?: unknown }).code;
  if (code === "EPIPE") {
    say("the output was closed before it was complete (EPIPE)");
    return ExitCode.failure;
  }
  if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
    const path = (error as { path?: string }).path;
    say(
      `cannot read ${path ? relative(io.cwd, path) || path : "the input"}: ${(error as Error).message}`,
    );
    return ExitCode.usage;
  }
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return ExitCode.failure;
}
