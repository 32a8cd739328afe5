import { ThreadPool } from "@dmx/thread-pool";
import { timeIt } from "./_busy.ts";

// The task module the workers load: `.ts` when running from source, `.js` once built.
const tasksUrl = new URL(
  import.meta.url.endsWith(".ts") ? "./_busy-task.ts" : "./_busy-task.js",
  import.meta.url,
);

/**
 * Runs `tasks` busy loops of `ms` each in a `@dmx/thread-pool` of `threads` workers and returns
 * the wall time of the busy phase only: the workers are started and warmed up (one short task
 * each, all at once) before the clock starts, so thread start-up is not counted.
 */
export async function busyInWorkers(tasks: number, ms: number, threads: number): Promise<number> {
  const pool = new ThreadPool(tasksUrl, { size: threads, name: "demo event-loop", pipeline: 1 });
  try {
    await Promise.all(Array.from({ length: threads }, () => pool.run("busy", [5])));
    return await timeIt(() =>
      Promise.all(Array.from({ length: tasks }, () => pool.run("busy", [ms]))),
    );
  } finally {
    await pool.close();
  }
}
