import type { RawWorker, RawWorkerEvents, ResourceLimits } from "./_backend.ts";
import type { WorkerInit } from "./_protocol.ts";

/** Starts `_worker-entry.js` in a `node:worker_threads` Worker. */
export function spawnNodeWorker(
  wt: typeof import("node:worker_threads"),
  init: WorkerInit,
  events: RawWorkerEvents,
  resourceLimits: ResourceLimits | undefined,
): RawWorker {
  const worker = new wt.Worker(new URL("./_worker-entry.js", import.meta.url), {
    workerData: init,
    ...(resourceLimits ? { resourceLimits } : {}),
  });
  let lastError: unknown;
  let terminating = false;
  worker.on("message", events.message);
  worker.on("messageerror", events.messageError);
  worker.on("error", (error) => {
    lastError = error;
  });
  // Node drains the worker's pending messages before "exit", so every result the worker
  // posted has been delivered by the time a crash is reported.
  worker.on("exit", (code) => {
    if (!terminating) events.exit(lastError, code);
  });
  return {
    post: (message, transfer) =>
      worker.postMessage(message, transfer as readonly Transferable[] as never),
    terminate: async () => {
      terminating = true;
      await worker.terminate();
    },
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}
