// Task module for the event-loop lesson: a busy loop that runs inside a worker thread.

/** Spins for `ms` milliseconds, as CPU-bound work does, and returns the time spent. */
export function busy(ms: number): number {
  const start = performance.now();
  while (performance.now() - start < ms) {
    // computing
  }
  return performance.now() - start;
}
