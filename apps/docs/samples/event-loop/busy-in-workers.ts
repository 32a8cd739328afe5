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

/** `pnpm --filter @dmx/docs run sample event-loop/busy-in-workers` */
export async function main(): Promise<void> {
  const ms = await busyInWorkers(4, 200, 2);
  console.log(
    `4 busy loops of 200 ms on 2 workers: ${ms.toFixed(0)} ms (2 rounds would be 400 ms)`,
  );
}
