// A timer cannot fire while the thread is busy: the event loop only turns between tasks.

/** Schedules a 0 ms timer, then blocks for `ms`; resolves with how late the timer fired. */
export function timerLateness(ms: number): Promise<number> {
  return new Promise((resolve) => {
    const scheduled = performance.now();
    setTimeout(() => resolve(performance.now() - scheduled), 0);
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // busy: the timer's callback waits in the queue
    }
  });
}

/** `pnpm --filter @dmx/docs run sample event-loop/starved-timer` */
export async function main(): Promise<void> {
  console.log(
    `a 0 ms timer behind a 50 ms loop fired after ${(await timerLateness(50)).toFixed(1)} ms`,
  );
}
