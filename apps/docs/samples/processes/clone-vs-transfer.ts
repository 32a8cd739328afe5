// What page 6 claims, measured: sending a large typed array to a worker copies it
// (structured clone, time grows with the size); transferring its buffer moves it.
import { Worker } from "node:worker_threads";

const echo = `const { parentPort } = require("node:worker_threads");
parentPort.on("message", (m) => parentPort.postMessage(m.byteLength));`;

/** Median round trip (send to a worker, get its byte count back) of `mb` megabytes. */
export async function cloneVsTransfer(
  mb: number,
  repeat = 5,
): Promise<{ cloneMs: number; transferMs: number; senderAfterTransfer: number }> {
  const worker = new Worker(echo, { eval: true });
  const roundTrip = (transfer: boolean) => {
    const data = new Float64Array((mb * 2 ** 20) / 8).fill(1);
    const start = performance.now();
    return new Promise<{ ms: number; left: number }>((resolve) => {
      worker.once("message", () =>
        resolve({ ms: performance.now() - start, left: data.byteLength }),
      );
      worker.postMessage(data, transfer ? [data.buffer] : []);
    });
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  try {
    await roundTrip(false); // warm up the worker
    const clone: number[] = [];
    const transfer: number[] = [];
    let left = -1;
    for (let i = 0; i < repeat; i++) {
      clone.push((await roundTrip(false)).ms);
      const t = await roundTrip(true);
      transfer.push(t.ms);
      left = t.left;
    }
    return { cloneMs: median(clone), transferMs: median(transfer), senderAfterTransfer: left };
  } finally {
    await worker.terminate();
  }
}

/** `pnpm --filter @dmx/docs run sample processes/clone-vs-transfer` */
export async function main(): Promise<void> {
  for (const mb of [1, 64]) {
    const r = await cloneVsTransfer(mb);
    console.log(`${mb} MB: the sender keeps ${r.senderAfterTransfer} bytes after a transfer`);
    console.log(
      `${mb} MB: clone ${r.cloneMs.toFixed(2)} ms, transfer ${r.transferMs.toFixed(2)} ms (median round trip)`,
    );
  }
}
