// Shared memory: workers write into one SharedArrayBuffer; nothing is copied back.
import { Worker } from "node:worker_threads";

// Inline worker source keeps the sample to one file; real code uses a module file.
const source = `
const { workerData } = require("node:worker_threads");
const { shared, start, end } = workerData;
const out = new Float64Array(shared);
for (let i = start; i < end; i++) out[i] = i * i;
`;

/** Squares 0..n-1 into shared memory using `workers` threads, each filling its own slice. */
export async function squaresInSharedMemory(n: number, workers: number): Promise<Float64Array> {
  const shared = new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT);
  const per = Math.ceil(n / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = w * per;
      const end = Math.min(n, start + per);
      const worker = new Worker(source, { eval: true, workerData: { shared, start, end } });
      return new Promise<void>((resolve, reject) => {
        worker.once("error", reject);
        worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
      });
    }),
  );
  return new Float64Array(shared); // the workers' writes are visible here
}

/** `pnpm --filter @dmx/docs run sample processes/shared-memory` */
export async function main(): Promise<void> {
  const squares = await squaresInSharedMemory(10, 3);
  console.log(`3 workers wrote into one SharedArrayBuffer: ${squares.join(", ")}`);
}
