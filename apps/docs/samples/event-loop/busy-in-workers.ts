// The same busy loops in worker threads: each worker has its own event loop and runs on
// its own core, so `tasks` loops take about ceil(tasks / threads) rounds.
import { ThreadPool } from "@dmx/thread-pool";

/** Wall time of `tasks` busy loops of `ms` on a pool of `threads` (workers warmed up first). */
export async function busyInWorkers(tasks: number, ms: number, threads: number): Promise<number> {
  const pool = new ThreadPool(new URL("./busy-task.ts", import.meta.url), { size: threads });
  try {
    await Promise.all(Array.from({ length: threads }, () => pool.run("busy", [1]))); // start them
    const start = performance.now();
    await Promise.all(Array.from({ length: tasks }, () => pool.run("busy", [ms])));
    return performance.now() - start;
  } finally {
    await pool.close();
  }
}
