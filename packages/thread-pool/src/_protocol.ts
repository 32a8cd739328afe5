// The messages exchanged between the pool (main thread) and `_worker-entry.js`.
// Kept as plain data so both sides agree without sharing code.

/** Sent once to a new worker: through `workerData` (Node) or as the first message (Web). */
export interface WorkerInit {
  /** Absolute URL of the task module. */
  moduleUrl: string;
  /** Human-readable worker name, for error messages. */
  name: string;
  /**
   * One Int32 shared with the worker: the id of the task it is running, 0 when idle.
   * Lets the pool blame exactly the running task when the worker dies. Absent where
   * `SharedArrayBuffer` is unavailable (browsers without cross-origin isolation).
   */
  state: Int32Array | undefined;
}

/** Main → worker: run `name(...args)`, or with `map`, `name(item)` for each item of `args`. */
export interface TaskMessage {
  id: number;
  name: string;
  args: readonly unknown[];
  map: boolean;
}

/** An error thrown in the worker, flattened so it survives structured clone with its stack. */
export type SerializedError =
  | {
      kind: "error";
      name: string;
      message: string;
      stack: string | undefined;
      props: Record<string, unknown>;
      cause?: SerializedError;
    }
  | { kind: "value"; value: unknown }
  | { kind: "pool"; code: string; message: string };

/**
 * Worker → main: the outcome of one task, in the order the tasks were received, with the
 * milliseconds the worker spent on it (`ms`, from start until settled).
 */
export type ResultMessage =
  | { id: number; ok: true; value: unknown; ms: number }
  | { id: number; ok: false; error: SerializedError; ms: number };
