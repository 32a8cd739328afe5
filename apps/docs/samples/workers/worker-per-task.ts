// A worker per task: correct, simple, and slow to start. Each Worker is a new JavaScript
// environment (heap, built-ins, module loading) that lives for one message.
import { Worker } from "node:worker_threads";

const source = `
const { parentPort, workerData } = require("node:worker_threads");
parentPort.postMessage(workerData * workerData);
`;

/** Squares each number in its own short-lived worker; also returns the wall time. */
export async function squareEachInItsOwnWorker(
  numbers: number[],
): Promise<{ results: number[]; ms: number }> {
  const start = performance.now();
  const results = await Promise.all(
    numbers.map(
      (n) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(source, { eval: true, workerData: n });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  return { results, ms: performance.now() - start };
}

/** `pnpm --filter @dmx/docs run sample workers/worker-per-task` */
export async function main(): Promise<void> {
  const { results, ms } = await squareEachInItsOwnWorker([1, 2, 3, 12]);
  console.log(`squares: ${results.join(", ")}`);
  console.log(`4 workers started, used once and ended: ${ms.toFixed(1)} ms`);
}
