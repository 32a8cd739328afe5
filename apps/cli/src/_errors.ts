/** Exit codes shared by every command: 0 success, 1 failure while running, 2 bad usage. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** Bad usage or bad input: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name: string = "UsageError";
  readonly exitCode: number = ExitCode.usage;
}

/** A failure while running that the user can act on (a file that cannot be written): one line, exit 1. */
export class RunError extends Error {
  override readonly name: string = "RunError";
  readonly exitCode: number = ExitCode.failure;
}

/**
 * `text` as a double-quoted token for an error message: at most ~60 characters, with
 * invisible and control characters escaped.
 */
export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
