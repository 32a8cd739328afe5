// Waiting overlaps; computing on the main thread does not.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Spins on the CPU for `ms` milliseconds without ever yielding to the event loop. */
export function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // CPU-bound work: nothing else on this thread can run meanwhile
  }
}

/** Wall time of `tasks` sleeps started together: about one sleep. */
export async function sleepsTogether(tasks: number, ms: number): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: tasks }, () => sleep(ms)));
  return performance.now() - start;
}

/** Wall time of `tasks` busy loops "started together" with async: the sum of them all. */
export async function busyTogether(tasks: number, ms: number): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: tasks }, async () => busy(ms)));
  return performance.now() - start;
}

/** `pnpm --filter @dmx/docs run sample event-loop/sleep-vs-busy` */
export async function main(): Promise<void> {
  console.log(`5 sleeps of 200 ms together: ${(await sleepsTogether(5, 200)).toFixed(0)} ms`);
  console.log(`5 busy loops of 200 ms together: ${(await busyTogether(5, 200)).toFixed(0)} ms`);
}
