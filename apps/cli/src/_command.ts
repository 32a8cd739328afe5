/** Where a command writes: data to `stdout`, progress, timings and warnings to `stderr`. */
export interface CliIO {
  /** Data output (or nothing, when the data goes to a file). */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Progress, timings, warnings, errors. */
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Environment variables (for `NO_COLOR`, `CI`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: long work must stop, clean up, and leave no partial output. */
  readonly signal: AbortSignal;
  /**
   * Makes the process end with the command's exit code even if a library still holds timers
   * (BullMQ's, after `dmx worker` lost Redis: its close waits for a server that is gone).
   * Absent when there is no process to end (tests, embedding).
   */
  readonly endProcess?: (() => void) | undefined;
}

/** One `dmx` subcommand. `run` resolves to the process exit code (0, 1 or 2). */
export interface Command {
  /** The word after `dmx`. */
  readonly name: string;
  /** One line for `dmx --help`. */
  readonly summary: string;
  /** Runs the command with the arguments after its name. */
  run(argv: readonly string[], io: CliIO): Promise<number>;
}
