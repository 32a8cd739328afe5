// Our thread pool: start the workers once, then send them tasks by name.
import { ThreadPool } from "@dmx/thread-pool";

/** Runs one task, maps a list, and splits a CPU-bound sum over the workers. */
export async function poolTour(): Promise<{ sum: number; squares: number[]; total: number }> {
  const pool = new ThreadPool(new URL("./tasks.ts", import.meta.url), { size: 2 });
  try {
    const sum = (await pool.run("add", [1, 2])) as number; // add(1, 2) in a worker
    const squares = (await pool.map("square", [1, 2, 3, 4, 5], { chunkSize: 2 })) as number[];
    // Four slices of [0, 100_000) run two at a time; results come back in order.
    const parts = await Promise.all(
      [0, 1, 2, 3].map((k) => pool.run("sumOfSquares", [k * 25_000, (k + 1) * 25_000])),
    );
    const total = (parts as number[]).reduce((a, b) => a + b, 0);
    return { sum, squares, total };
  } finally {
    await pool.close(); // waits for queued tasks, then ends the workers
  }
}

/** `pnpm --filter @dmx/docs run sample workers/pool` */
export async function main(): Promise<void> {
  console.log(JSON.stringify(await poolTour()));
}
