// The task module that the event-loop demo's worker threads load: every export is a task.
import { busyWait } from "./_busy.ts";

/** Spins for `ms` milliseconds inside a worker and returns the time spent. */
export function busy(ms: number): number {
  return busyWait(ms);
}
