import { ThreadPool } from "@dmx/thread-pool";
import { timeIt } from "./_busy.ts";

// The task module the workers load: `.ts` when running from source, `.js` once built.
const tasksUrl = new URL(
  import.meta.url.endsWith(".ts") ? "./_busy-task.ts" : "./_busy-task.js",
  import.meta.url,
);

/**
 * Runs `tasks` tasks of `iterations` fixed work each in a `@dmx/thread-pool` of `threads`
 * workers and returns the wall and CPU time of the busy phase only, plus each task's result:
 * the workers are started and warmed up (a short task each, all at once) before the clock
 * starts, so thread start-up is not counted.
 */
export async function busyInWorkers(
  tasks: number,
  iterations: number,
  threads: number,
): Promise<{ wallMs: number; cpuMs: number; results: number[] }> {
  const pool = new ThreadPool(tasksUrl, { size: threads, name: "demo event-loop", pipeline: 1 });
  try {
    await Promise.all(Array.from({ length: threads }, () => pool.run("busy", [100_000])));
    let results: number[] = [];
    const time = await timeIt(async () => {
      results = (await Promise.all(
        Array.from({ length: tasks }, () => pool.run("busy", [iterations])),
      )) as number[];
    });
    return { ...time, results };
  } finally {
    await pool.close();
  }
}
