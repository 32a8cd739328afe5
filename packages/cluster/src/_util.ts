import type { Redis } from "ioredis";
import { WORKER_PATTERN } from "./_keys.ts";

/** Resolves after `ms`, or rejects with the abort reason. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `promise`, or the error `onTimeout` makes if it has not settled within `ms`. */
export function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  promise.catch(() => {}); // a late rejection after the deadline is not "unhandled"
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Live workers: their heartbeat keys (each expires a few seconds after its worker stops). */
export async function countWorkers(client: Redis): Promise<number> {
  let cursor = "0";
  let count = 0;
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", WORKER_PATTERN, "COUNT", 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== "0");
  return count;
}
