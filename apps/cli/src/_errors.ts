/** Exit codes shared by every command (ARCHITECTURE.md, "CLI conventions"). */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** Bad usage or bad input: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = ExitCode.usage;
}
