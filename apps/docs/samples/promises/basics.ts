// Promises: a value that will exist later, and the combinators that wait for several.
import { setTimeout as delay } from "node:timers/promises";

/** A callback API turned into a promise by hand: what `util.promisify` does for you. */
export function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** The four combinators side by side. */
export async function combinators(): Promise<Record<string, unknown>> {
  const fail = (ms: number, why: string) => delay(ms).then(() => Promise.reject(new Error(why)));
  const all = await Promise.all([later(20, "a"), later(10, "b")]); // every one, in order
  const settled = await Promise.allSettled([later(5, "ok"), fail(5, "broken")]); // every outcome
  const race = await Promise.race([later(30, "slow"), later(5, "fast")]); // the first to settle
  const any = await Promise.any([fail(5, "no"), later(15, "yes")]); // the first to succeed
  return {
    all,
    settled: settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message)),
    race,
    any,
  };
}

/** Gives up on slow work with an AbortSignal: the promise rejects, the timer is cancelled. */
export async function withTimeout(ms: number, timeoutMs: number): Promise<string> {
  try {
    await delay(ms, undefined, { signal: AbortSignal.timeout(timeoutMs) });
    return "finished";
  } catch (error) {
    // Node's timers reject with an AbortError whose `cause` is the signal's reason.
    const { name, cause } = error as Error & { cause?: Error };
    return `${name} caused by ${cause?.name}`; // "AbortError caused by TimeoutError"
  }
}

/** `pnpm --filter @dmx/docs run sample promises/basics` */
export async function main(): Promise<void> {
  console.log(JSON.stringify(await combinators()));
  console.log(await withTimeout(1_000, 10));
}
