/** Machine-readable kinds of {@link LocationParseError}. */
export type LocationParseErrorCode =
  | "EMPTY_INPUT"
  | "MISSING_COLUMN"
  | "EXTRA_COLUMN"
  | "EMPTY_NAME"
  | "EMPTY_VALUE"
  | "NOT_A_NUMBER"
  | "NOT_FINITE"
  | "OUT_OF_RANGE"
  | "BAD_HEADER"
  | "CSV_SYNTAX"
  | "INVALID_UTF8";

/**
 * A problem in location CSV input, with where it is: `message` is
 * `"<file>:<line>:<column>: <reason>"` (1-based line and column, like compilers print them).
 *
 * @example
 * ```ts
 * try { parseLocations("Boston,91,-71\n", { source: "cities.csv" }); }
 * catch (e) { if (e instanceof LocationParseError) console.error(e.message); }
 * // cities.csv:1:8: latitude 91 is out of range [-90, 90]
 * ```
 */
export class LocationParseError extends Error {
  /** The input's name: a file path, or the `source` option (default `"<input>"`). */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column in UTF-16 code units (what JavaScript and most editors count). */
  readonly column: number;
  /** What is wrong, without the position. */
  readonly reason: string;
  /** The kind of problem. */
  readonly code: LocationParseErrorCode;

  /** @param options - where and what; `cause` is kept as the standard `Error.cause` */
  constructor(options: {
    file: string;
    line: number;
    column: number;
    reason: string;
    code: LocationParseErrorCode;
    cause?: unknown;
  }) {
    super(
      `${options.file}:${options.line}:${options.column}: ${options.reason}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "LocationParseError";
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.reason = options.reason;
    this.code = options.code;
  }
}
