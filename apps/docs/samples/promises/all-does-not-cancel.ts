// Promise.all rejects as soon as one promise rejects, but it cannot stop the others: promises
// are results, not tasks. Cancelling needs a signal the work itself listens to.
import { setTimeout as delay } from "node:timers/promises";

/** Three steps, one fails early; returns what happened, in order. */
export async function allDoesNotCancel(withSignal: boolean): Promise<string[]> {
  const log: string[] = [];
  const controller = new AbortController();
  const step = async (name: string, ms: number, fail = false) => {
    try {
      await delay(ms, undefined, withSignal ? { signal: controller.signal } : {});
    } catch {
      log.push(`${name} cancelled`);
      return;
    }
    if (fail) throw new Error(`${name} failed`);
    log.push(`${name} finished`);
  };
  try {
    await Promise.all([step("upload", 60), step("check", 10, true), step("thumbnail", 40)]);
  } catch (error) {
    log.push(`Promise.all rejected: ${(error as Error).message}`);
    controller.abort(); // only does something if the steps listen to the signal
  }
  await delay(100); // give the other steps time to finish (or not)
  return log;
}

/** `pnpm --filter @dmx/docs run sample promises/all-does-not-cancel` */
export async function main(): Promise<void> {
  console.log(`without a signal: ${(await allDoesNotCancel(false)).join(" → ")}`);
  console.log(`with a signal:    ${(await allDoesNotCancel(true)).join(" → ")}`);
}
