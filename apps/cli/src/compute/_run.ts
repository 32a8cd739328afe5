import { lstat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import process from "node:process";
import type { WriteMatrixResult, WriteShardResult } from "@dmx/executors";
import { defaultOutputPath, ExecutorError, writeMatrix, writeShard } from "@dmx/executors";
import { LocationParseError } from "@dmx/geo";
import type { CliIO } from "../_command.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import { shownPath } from "../_shown-path.ts";
import { runOnCluster } from "./_cluster.ts";
import { computeSpec, parseComputeArgs } from "./_options.ts";
import { formatDuration, ProgressBar } from "./_progress.ts";

/** Runs `dmx compute` and resolves to the exit code. */
export async function runCompute(argv: readonly string[], io: CliIO): Promise<number> {
  const started = performance.now();
  const args = parseComputeArgs(argv);
  if (args.help) return helpOrVersion(computeSpec, args.values, io.stdout) ?? ExitCode.ok;
  // Paths as the user typed them (so errors name them that way), unless io.cwd differs.
  const at = (path: string | undefined) =>
    path === undefined || isAbsolute(path) || io.cwd === process.cwd()
      ? path
      : resolve(io.cwd, path);
  const toStdout = args.output === "-";
  const showProgress = !args.quiet && !!io.stderr.isTTY;
  const color = !io.env.NO_COLOR;
  const bar = showProgress ? new ProgressBar(io.stderr, color) : undefined;
  const input = at(args.options.input)!;
  // Without -o the output is output.<ext> beside the input: say so when that replaces a file.
  const replaces =
    args.output === undefined &&
    (await lstat(defaultOutputPath(input, args.options.format)).then(
      () => true,
      () => false,
    ));
  let runId: string | undefined;
  try {
    const options = {
      ...args.options,
      input,
      destinations: at(args.options.destinations as string | undefined),
      output: toStdout ? io.stdout : at(args.output),
      signal: io.signal,
      onProgress: bar && ((p: { done: number; total: number }) => bar.update(p)),
      onWarning: (message: string) => {
        bar?.clear();
        io.stderr.write(`dmx compute: ${message}\n`);
      },
    };
    const result: WriteMatrixResult | WriteShardResult = args.cluster
      ? await runOnCluster(
          args,
          args.cluster,
          { input, destinations: options.destinations, output: options.output },
          io,
          (id) => {
            runId = id;
          },
        )
      : args.shard
        ? await writeShard({ ...options, shard: args.shard })
        : await writeMatrix(options);
    bar?.clear();
    if (!args.quiet && args.options.inputHeader === undefined) {
      for (const h of result.skippedHeaders) {
        const text = h.text.length > 60 ? `${h.text.slice(0, 60)}…` : h.text;
        io.stderr.write(
          `dmx compute: treating line ${h.line} of ${h.source} as a header: ${text}\n`,
        );
      }
    }
    if (!args.quiet) {
      for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
      const where = result.outputPath ? shownPath(io.cwd, result.outputPath) : "stdout";
      if (replaces)
        io.stderr.write(`note: replaced the existing ${where} (-o PATH writes elsewhere)\n`);
      const places =
        result.destinations === result.origins && !args.options.destinations
          ? `${result.origins} places`
          : `${result.origins} origins x ${result.destinations} destinations`;
      const threads =
        result.executor === "cluster"
          ? `run ${runId}`
          : result.threads === 1
            ? "1 thread"
            : `${result.threads} workers`;
      const part = args.shard ? (result as WriteShardResult).part : undefined;
      if (part) {
        const { k, K, run, values, total } = part;
        io.stderr.write(
          `Slice ${k}/${K} of run ${run}: distances ${values[0]} to ${values[0] + values[1]} of ${total}\n`,
        );
      }
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
    return error.code === "BAD_OPTION" ||
      error.code === "OUTPUT_IS_INPUT" ||
      error.code === "OUTPUT_IS_DIRECTORY"
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
    const why = code === "EISDIR" ? "is a directory" : (error as Error).message;
    say(`cannot read ${path ? shownPath(io.cwd, path) : "the input"}: ${why}`);
    return ExitCode.usage;
  }
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return ExitCode.failure;
}
