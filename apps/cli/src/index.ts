export type { CliIO, Command } from "./_command.ts";
export { ExitCode, UsageError } from "./_errors.ts";
export { main } from "./main.ts";
