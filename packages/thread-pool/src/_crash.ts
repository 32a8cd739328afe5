import { WorkerCrashedError } from "./_errors.ts";
import type { Task } from "./_task.ts";

/** The error for the task a worker was running when it died. */
export function crashError(
  worker: string,
  task: Task,
  error: unknown,
  exitCode: number | undefined,
): WorkerCrashedError {
  const reasons: string[] = [];
  if (error instanceof Error) reasons.push(`${error.name}: ${error.message}`);
  else if (error !== undefined) reasons.push(String(error));
  if (exitCode !== undefined) reasons.push(`exit code ${exitCode}`);
  const why = reasons.length > 0 ? ` (${reasons.join("; ")})` : "";
  return new WorkerCrashedError(
    `@dmx/thread-pool: worker ${worker} died while running task "${task.name}"${why}; the worker was replaced`,
    { cause: error, ...(exitCode === undefined ? {} : { exitCode }) },
  );
}

/** The error for a task whose transferred objects went down with a crashed worker. */
export function lostError(worker: string, task: Task): WorkerCrashedError {
  return new WorkerCrashedError(
    `@dmx/thread-pool: worker ${worker} died before running task "${task.name}"; its transferred objects were lost with it`,
  );
}
