import type { CliIO } from "./_command.ts";
import { commands } from "./_commands.ts";
import { ExitCode, quote, RunError, UsageError } from "./_errors.ts";
import { didYouMean } from "./_suggest.ts";
import { cliVersion } from "./_version.ts";

export { userCwd } from "./_cwd.ts";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: dmx <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help     show help (dmx <command> --help for a command's options)",
    "  -v, --version  print the version",
    "",
    "Every command takes -o PATH (where the data goes), --json, -q (quiet) and -h.",
    "Relative paths are read from the directory you ran dmx in, also through `pnpm dmx`.",
    "",
  ].join("\n");
}

/**
 * Runs the dmx CLI with `argv` (the words after `dmx`) and resolves to the exit code:
 * 0 success, 1 failure while running, 2 bad usage or bad input.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    (first === undefined ? io.stderr : io.stdout).write(usage());
    return first === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (first === "-v" || first === "--version") {
    io.stdout.write(`${cliVersion()}\n`);
    return ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    const unknown = first.startsWith("-")
      ? `option ${first.split("=")[0]}${didYouMean(first.replace(/^-+/, ""), ["help", "version"], "--")}`
      : `command ${quote(first)}${didYouMean(
          first,
          commands.map((c) => c.name),
        )}`;
    io.stderr.write(`dmx: unknown ${unknown}; see dmx --help\n`);
    return ExitCode.usage;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RunError) {
      io.stderr.write(`dmx ${entry.name}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`dmx ${entry.name}: ${message}\n`);
    return ExitCode.failure;
  }
}
