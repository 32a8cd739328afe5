// Macrotasks and microtasks: after each macrotask (a timer, an I/O callback, setImmediate)
// Node runs every process.nextTick callback, then every microtask (promise reactions,
// queueMicrotask), before it picks the next macrotask.
import { readFile } from "node:fs";

/** The order in which each kind of callback runs, scheduled from inside an I/O callback. */
export function callbackOrder(): Promise<string[]> {
  return new Promise((resolve) => {
    const log: string[] = [];
    // Inside an I/O callback the order is fully determined (at the top level of a module,
    // setTimeout(0) vs setImmediate depends on how fast the process started).
    readFile(import.meta.filename ?? new URL(import.meta.url).pathname, () => {
      setTimeout(() => {
        log.push("setTimeout 0 (timers phase, next loop turn)");
        resolve(log);
      }, 0);
      setImmediate(() => log.push("setImmediate (check phase, right after I/O)"));
      Promise.resolve().then(() => log.push("promise.then (microtask)"));
      queueMicrotask(() => log.push("queueMicrotask (microtask)"));
      process.nextTick(() => log.push("process.nextTick (before microtasks)"));
      log.push("synchronous code (runs to completion first)");
    });
  });
}

/** `pnpm --filter @dmx/docs run sample event-loop/microtasks` */
export async function main(): Promise<void> {
  for (const [i, line] of (await callbackOrder()).entries()) console.log(`${i + 1}. ${line}`);
}
