import { Worker } from "node:worker_threads";
import { timeIt } from "./_busy.ts";

// TEMPORARY: raw worker_threads until @dmx/thread-pool lands; same contract.
const source = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (ms) => {
  const start = performance.now();
  while (performance.now() - start < ms) {}
  parentPort.postMessage(performance.now() - start);
});`;

/**
 * Runs `tasks` busy loops of `ms` each on `threads` worker threads and returns the wall time
 * of the busy phase only (workers are started and warmed up before the clock starts).
 */
export async function busyInWorkers(tasks: number, ms: number, threads: number): Promise<number> {
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true }));
  const call = (w: Worker, arg: number) =>
    new Promise<number>((resolve, reject) => {
      w.once("message", resolve);
      w.once("error", reject);
      w.postMessage(arg);
    });
  try {
    await Promise.all(workers.map((w) => call(w, 1)));
    let next = 0;
    return await timeIt(() =>
      Promise.all(
        workers.map(async (w) => {
          while (next < tasks) {
            next++;
            await call(w, ms);
          }
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
