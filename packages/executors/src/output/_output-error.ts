import * as util from "node:util";
import { ExecutorError } from "../_errors.ts";

/** Plain words for the errno codes a write can fail with, where Node's wording is unclear. */
const words: Readonly<Record<string, string>> = {
  EISDIR: "is a directory",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
};

let systemWords: Map<string, string> | undefined;

/** The text of an errno code (`ENOSPC` → "no space left on device"), or undefined. */
function describe(code: string): string | undefined {
  if (words[code]) return words[code];
  if (!systemWords) {
    systemWords = new Map();
    try {
      const map = (
        util as { getSystemErrorMap?: () => Map<number, [string, string]> }
      ).getSystemErrorMap?.();
      for (const [name, text] of map?.values() ?? []) systemWords.set(name, text);
    } catch {
      // No map (other runtimes): the code alone is shown.
    }
  }
  return systemWords.get(code);
}

/** The errno code of a system error (`error.code`, or the `EXXX:` its message starts with). */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && /^E[A-Z0-9]+$/.test(code)) return code;
  const message = error instanceof Error ? error.message : undefined;
  return message ? /^(E[A-Z0-9]+): /.exec(message)?.[1] : undefined;
}

/**
 * An `OUTPUT_FAILED` error naming the target as the user gave it, never the temp file:
 * `cannot write out.csv: no space left on device (ENOSPC)`. An `ExecutorError` is returned
 * as it is.
 */
export function outputError(target: string, error: unknown): ExecutorError {
  if (error instanceof ExecutorError) return error;
  const code = errnoCode(error);
  const text = code ? describe(code) : undefined;
  const why = text
    ? `${text} (${code})`
    : code
      ? code
      : error instanceof Error
        ? error.message
        : String(error);
  return new ExecutorError("OUTPUT_FAILED", `cannot write ${target}: ${why}`, { cause: error });
}

/** Codes that mean the output could not be stored, wherever the write ran (a worker too). */
const storageCodes = new Set(["ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS"]);

/**
 * `error` as an output error when it is a failed write of the output (a full disk, a quota,
 * an I/O error), also one thrown by a worker thread writing into the file; else `error`.
 */
export function asOutputError(target: string, error: unknown): unknown {
  const code = errnoCode(error);
  return code && storageCodes.has(code) ? outputError(target, error) : error;
}

/** `OUTPUT_IS_DIRECTORY`: the target is a directory, or a path ending in a slash. */
export function directoryError(target: string): ExecutorError {
  return new ExecutorError("OUTPUT_IS_DIRECTORY", `cannot write ${target}: is a directory`);
}
