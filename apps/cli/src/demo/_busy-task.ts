// The task module that the event-loop demo's worker threads load: every export is a task.
import { spin } from "./_busy.ts";

/** Does `iterations` steps of fixed CPU work inside a worker and returns the result. */
export function busy(iterations: number): number {
  return spin(iterations);
}
