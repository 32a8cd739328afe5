/**
 * The string codes a {@link ThreadPoolError} can carry. Compare `error.code` against these
 * rather than parsing messages.
 */
export const ThreadPoolErrorCode = {
  /** A worker died (uncaught exception, `process.exit`, out of memory) while holding the task. */
  WorkerCrashed: "ERR_WORKER_CRASHED",
  /** `run`/`map` found the queue at `maxQueue`. */
  QueueFull: "ERR_QUEUE_FULL",
  /** The pool was closed or terminated. */
  PoolClosed: "ERR_POOL_CLOSED",
  /** The task's `AbortSignal` fired before it settled. */
  TaskAborted: "ERR_TASK_ABORTED",
  /** The task module has no exported function with the requested name. */
  UnknownTask: "ERR_UNKNOWN_TASK",
  /** The task module could not be imported in the worker. */
  ModuleLoad: "ERR_TASK_MODULE_LOAD",
  /** Arguments or a result could not be structured-cloned between threads. */
  DataClone: "ERR_DATA_CLONE",
  /** A constructor or method argument was invalid. */
  InvalidArgument: "ERR_INVALID_ARGUMENT",
} as const;

/** One of the values of {@link ThreadPoolErrorCode}. */
export type ThreadPoolErrorCode = (typeof ThreadPoolErrorCode)[keyof typeof ThreadPoolErrorCode];

/** @deprecated Use {@link ThreadPoolErrorCode} (the name says whose codes these are). */
export const ErrorCode = ThreadPoolErrorCode;
/** @deprecated Use {@link ThreadPoolErrorCode}. */
export type ErrorCode = ThreadPoolErrorCode;

/**
 * The one error class of `@dmx/thread-pool`. Every error the pool itself raises is an instance,
 * with a string `code` from {@link ErrorCode}; the subclasses below exist for `instanceof`.
 * Errors thrown by your task are passed through as they were thrown (not wrapped).
 */
export class ThreadPoolError extends Error {
  /** A stable string code, one of {@link ErrorCode}. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "ThreadPoolError";
  }
}

/**
 * The worker running the task died (uncaught exception in a timer, `process.exit()`, out of
 * memory, ...). Only the task the worker was running gets this error; the pool replaces the
 * worker and keeps serving. `cause` holds the worker's error when there was one; `exitCode`
 * the exit code when the runtime reports one.
 */
export class WorkerCrashedError extends ThreadPoolError {
  /** The worker's exit code when the runtime reports one (Node), otherwise `undefined`. */
  readonly exitCode: number | undefined;

  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(ErrorCode.WorkerCrashed, message, options);
    this.name = "WorkerCrashedError";
    this.exitCode = options?.exitCode;
  }
}

/** `run`/`map` was called while the queue already held `maxQueue` tasks. */
export class QueueFullError extends ThreadPoolError {
  constructor(message: string) {
    super(ErrorCode.QueueFull, message);
    this.name = "QueueFullError";
  }
}

/** The pool was closed (`close()`) or terminated (`terminate()`). */
export class PoolClosedError extends ThreadPoolError {
  constructor(message: string) {
    super(ErrorCode.PoolClosed, message);
    this.name = "PoolClosedError";
  }
}

/**
 * The task's `AbortSignal` fired. `name` is `"AbortError"` (like the DOM's abort errors) so
 * code that checks `err.name === "AbortError"` keeps working; `cause` is `signal.reason`.
 */
export class TaskAbortedError extends ThreadPoolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.TaskAborted, message, options);
    this.name = "AbortError";
  }
}
