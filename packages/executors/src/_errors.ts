/** Why an executor run failed. */
export type ExecutorErrorCode =
  /** An option is out of range or options contradict each other (a usage error). */
  | "BAD_OPTION"
  /** The output path resolves to an input file. */
  | "OUTPUT_IS_INPUT"
  /** The output path is a directory, or ends in a slash (a usage error). */
  | "OUTPUT_IS_DIRECTORY"
  /** A worker thread or child process died or failed to start. */
  | "WORKER_CRASHED"
  /** Writing the output failed. */
  | "OUTPUT_FAILED"
  /** `mergeShards`: a part file is unreadable, foreign, duplicated, missing or altered. */
  | "BAD_PART";

/** The one error class of `@dmx/executors`; `code` says what went wrong. */
export class ExecutorError extends Error {
  override readonly name = "ExecutorError";
  /** What went wrong. */
  readonly code: ExecutorErrorCode;
  constructor(code: ExecutorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
