export type { BackendKind, ResourceLimits } from "./_backend.ts";
export {
  ErrorCode,
  PoolClosedError,
  QueueFullError,
  TaskAbortedError,
  ThreadPoolError,
  ThreadPoolErrorCode,
  WorkerCrashedError,
} from "./_errors.ts";
export type { TaskQueue } from "./_task-queue.ts";
export {
  MAX_POOL_SIZE,
  type MapOptions,
  type RunOptions,
  ThreadPool,
  type ThreadPoolOptions,
  type ThreadPoolRunOptions,
  type ThreadPoolStats,
} from "./_thread-pool.ts";
