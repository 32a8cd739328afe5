// Processes vs threads: a worker thread runs inside the same process (same pid, its own
// thread id); a child process is a new process (a new pid). Both are separate JavaScript heaps.
import { execFileSync } from "node:child_process";
import { threadId, Worker } from "node:worker_threads";

/** Where the main thread, a worker and a child process run. */
export async function whereThingsRun(): Promise<{
  sameProcess: boolean;
  sameThread: boolean;
  childSameProcess: boolean;
}> {
  const worker = new Worker(
    `const { parentPort, threadId } = require("node:worker_threads");
     parentPort.postMessage({ pid: process.pid, threadId });`,
    { eval: true },
  );
  const inWorker = await new Promise<{ pid: number; threadId: number }>((resolve) =>
    worker.once("message", resolve),
  );
  await worker.terminate();
  const childPid = Number(
    execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]),
  );
  return {
    sameProcess: inWorker.pid === process.pid,
    sameThread: inWorker.threadId === threadId,
    childSameProcess: childPid === process.pid,
  };
}

/** `pnpm --filter @dmx/docs run sample concepts/threads-and-processes` */
export async function main(): Promise<void> {
  const r = await whereThingsRun();
  console.log(`worker thread: same process ${r.sameProcess}, same thread ${r.sameThread}`);
  console.log(`child process: same process ${r.childSameProcess}`);
}
