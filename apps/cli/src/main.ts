import type { CliIO, Command } from "./_command.ts";
import { ExitCode, UsageError } from "./_errors.ts";
import { cliVersion } from "./_version.ts";
import { benchCommand } from "./commands/bench.ts";
import { computeCommand } from "./commands/compute.ts";
import { demoCommand } from "./commands/demo.ts";
import { iotCommand } from "./commands/iot.ts";

const commands: readonly Command[] = [computeCommand, benchCommand, iotCommand, demoCommand];

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
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`dmx: unknown command "${first}"\n\n${usage()}`);
    return ExitCode.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`dmx ${command.name}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`dmx ${command.name}: ${message}\n`);
    return ExitCode.failure;
  }
}
