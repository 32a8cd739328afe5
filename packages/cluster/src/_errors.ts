/** What went wrong in a cluster run. */
export type ClusterErrorCode =
  /** Redis cannot be reached, refused the password, or went away for too long. */
  | "REDIS_UNAVAILABLE"
  /** Redis lost the run's data (restarted without persistence, flushed, or the TTL ran out). */
  | "RUN_LOST"
  /** A tile job or a run's stored data is malformed (queue contents are untrusted). */
  | "BAD_JOB"
  /** A worker failed a tile (its message says why). */
  | "TILE_FAILED"
  /** No worker was seen within the timeout. */
  | "NO_WORKERS"
  /** `--resume` names a run whose stored input or options differ from this one. */
  | "RESUME_MISMATCH"
  /** An option is out of range. */
  | "BAD_OPTION";

/** An error of `@dmx/cluster`, with a one-line message that never holds a password. */
export class ClusterError extends Error {
  override readonly name = "ClusterError";
  readonly code: ClusterErrorCode;

  constructor(code: ClusterErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
