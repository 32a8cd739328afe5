/**
 * Keeps the calling thread busy for `ms` milliseconds without yielding to the event loop,
 * the way a CPU-bound computation does. Returns the milliseconds actually spent.
 */
export function busyWait(ms: number): number {
  const start = performance.now();
  let spins = 0;
  while (performance.now() - start < ms) spins++;
  // `spins` keeps the loop observable so no engine can drop it.
  return spins >= 0 ? performance.now() - start : 0;
}

/** Resolves after `ms` milliseconds: waiting that leaves the thread free for other work. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds that `work` takes, measured with the monotonic clock. */
export async function timeIt(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
