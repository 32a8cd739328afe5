import { isAbsolute, resolve } from "node:path";
import process from "node:process";
import { ExecutorError, mergeShards } from "@dmx/executors";
import type { CliIO } from "../_command.ts";
import { commonOptions } from "../_common-options.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import type { CommandSpec, OptionTable } from "../_option-table.ts";
import { parseOptions } from "../_parse-options.ts";
import { shownPath } from "../_shown-path.ts";

const mergeOptions = {
  ...commonOptions({
    output: "required: the merged file, or - for stdout",
    json: "not available: the merged file has the parts' format",
    quiet: "summary",
  }),
} as const satisfies OptionTable;

/** `dmx merge` for help and errors. */
export const mergeSpec: CommandSpec<typeof mergeOptions> = {
  name: "merge",
  usage: "dmx merge <part files...> -o <output>",
  about: `Assembles the parts written by \`dmx compute --shard k/K\` (one per slice, on any machines)
into exactly the file one \`dmx compute\` with the same options writes. The parts may be
given in any order (a shell glob is fine); every slice of one run must be there exactly
once. A part of another run (other input or options), with another K, given twice,
missing, truncated or altered is refused with one line, and nothing is written.

Example:
  dmx compute places.csv --format npy --shard 1/2 -o part-1.npy   # machine A
  dmx compute places.csv --format npy --shard 2/2 -o part-2.npy   # machine B
  dmx merge part-*.npy -o distances.npy`,
  options: mergeOptions,
  footer: "Exit codes: 0 success, 1 failure while running, 2 bad usage or bad parts.",
};

/** Runs `dmx merge` and resolves to the exit code. */
export async function runMerge(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(mergeSpec, argv);
  const answered = helpOrVersion(mergeSpec, values, io.stdout);
  if (answered !== undefined) return answered;
  if (values.json)
    throw new UsageError("--json does not apply: the merged file has the parts' format");
  if (positionals.length === 0) {
    throw new UsageError("missing the part files (dmx merge <parts...> -o <output>; see --help)");
  }
  if (values.output === undefined || values.output === "") {
    throw new UsageError("-o/--output is required: the merged file, or - for stdout");
  }
  const at = (path: string) =>
    isAbsolute(path) || io.cwd === process.cwd() ? path : resolve(io.cwd, path);
  try {
    const result = await mergeShards({
      parts: positionals.map(at),
      output: values.output === "-" ? io.stdout : at(values.output),
      signal: io.signal,
    });
    if (!values.quiet) {
      const where = result.outputPath ? shownPath(io.cwd, result.outputPath) : "stdout";
      io.stderr.write(
        `Merged ${result.parts} part${result.parts === 1 ? "" : "s"} of run ${result.run} into ${where}: ${result.values} distances, ${result.format}, ${result.bytes} bytes\n`,
      );
    }
    return ExitCode.ok;
  } catch (error) {
    const say = (message: string) => io.stderr.write(`dmx merge: ${message}\n`);
    if (io.signal.aborted) {
      say("interrupted; no output written");
      return ExitCode.failure;
    }
    if (error instanceof ExecutorError) {
      say(error.message);
      return error.code === "OUTPUT_FAILED" ? ExitCode.failure : ExitCode.usage;
    }
    const code = (error as { code?: unknown }).code;
    if (code === "EPIPE") {
      say("the output was closed before it was complete (EPIPE)");
      return ExitCode.failure;
    }
    say(error instanceof Error ? error.message : String(error));
    return ExitCode.failure;
  }
}
