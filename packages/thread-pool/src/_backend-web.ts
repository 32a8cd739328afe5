import type { RawWorker, RawWorkerEvents } from "./_backend.ts";
import type { SerializedError, WorkerInit } from "./_protocol.ts";
import { reviveError } from "./_remote-error.ts";

/**
 * Starts `_worker-entry.js` as a module Web Worker (Deno, browsers). The
 * `new Worker(new URL("./_worker-entry.js", import.meta.url), { type: "module" })` literal is
 * kept exactly so bundlers (Vite, webpack, esbuild plugins) find and bundle the entry.
 */
export function spawnWebWorker(init: WorkerInit, events: RawWorkerEvents): RawWorker {
  const worker = new Worker(new URL("./_worker-entry.js", import.meta.url), { type: "module" });
  let dead = false;
  const crashed = (error: unknown) => {
    if (dead) return;
    dead = true;
    worker.terminate();
    events.exit(error, undefined);
  };
  worker.onmessage = (event: MessageEvent) => {
    const data = event.data as { crash?: SerializedError } | null;
    // Under Deno the worker reports its own uncaught error (see _worker-entry.js).
    if (data !== null && typeof data === "object" && "crash" in data && data.crash) {
      crashed(reviveError(data.crash));
    } else events.message(event.data);
  };
  worker.onmessageerror = (event: MessageEvent) => events.messageError(event.data);
  // An uncaught error in a Web Worker surfaces here. Deno ends the worker; browsers keep it
  // running in an unknown state. Either way the pool treats it as a crash and replaces it.
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : "";
    crashed(event.error instanceof Error ? event.error : new Error(`${event.message}${where}`));
  };
  worker.postMessage({ init });
  return {
    post: (message, transfer) => worker.postMessage(message, { transfer: [...(transfer ?? [])] }),
    terminate: async () => {
      dead = true;
      worker.terminate();
    },
    ref: () => {},
    unref: () => {},
  };
}
