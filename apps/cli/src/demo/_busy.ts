/**
 * A fixed amount of CPU work: `iterations` steps of a linear congruential generator, which no
 * engine can skip because the result is returned. The same `iterations` is the same work on
 * any thread, however busy the machine: a loaded machine makes it take longer, which is the
 * point of the demo (a loop that spins until a deadline would hide that).
 */
export function spin(iterations: number): number {
  let x = 1;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1_664_525) + 1_013_904_223) | 0;
  return x;
}

/** How many {@link spin} iterations this thread does per millisecond, measured once. */
export interface Calibration {
  readonly iterationsPerMs: number;
  /** CPU milliseconds of the run the speed was taken from. */
  readonly ms: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Measures {@link spin}'s speed on this thread, by CPU time rather than wall time so that a
 * busy machine taking the core away mid-run does not skew it: doubles the iterations until a
 * run uses at least `minMs` of CPU (after a warm-up, so the loop is compiled), then takes the
 * fastest of three runs of that size.
 */
export function calibrate(minMs = 40): Calibration {
  spin(1_000_000);
  let iterations = 1_000_000;
  for (;;) {
    const start = cpuMs();
    spin(iterations);
    if (cpuMs() - start >= minMs) break;
    iterations *= 2;
  }
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    const start = cpuMs();
    spin(iterations);
    best = Math.min(best, cpuMs() - start);
  }
  return { iterationsPerMs: Math.round(iterations / best), ms: best };
}

/** Resolves after `ms` milliseconds: waiting that leaves the thread free for other work. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wall and CPU milliseconds of `work` (CPU time of the whole process: every thread). */
export async function timeIt(work: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}
