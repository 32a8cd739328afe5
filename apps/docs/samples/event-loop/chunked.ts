// An alternative to workers for CPU work on the main thread: cut it into chunks and yield to
// the event loop between them, so timers, I/O and clicks get a turn. The total work does not
// shrink (it grows a little); what shrinks is the longest time nothing else can run.
import { setImmediate as yieldToLoop } from "node:timers/promises";

function work(sum: number, from: number, to: number): number {
  for (let i = from; i < to; i++) sum += Math.sqrt(i) * Math.sin(i);
  return sum;
}

/** Runs `total` steps in one piece or in chunks; reports the result and the longest timer stall. */
export async function chunked(
  total: number,
  chunk: number,
): Promise<{ sum: number; ms: number; worstStallMs: number }> {
  let last = performance.now();
  let worstStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worstStallMs = Math.max(worstStallMs, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  const start = performance.now();
  let sum = 0;
  for (let from = 0; from < total; from += chunk) {
    sum = work(sum, from, Math.min(total, from + chunk));
    if (chunk < total) await yieldToLoop(); // let the timer (and everything else) run
  }
  const ms = performance.now() - start;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(timer);
  return { sum, ms, worstStallMs };
}

/** `pnpm --filter @dmx/docs run sample event-loop/chunked` */
export async function main(): Promise<void> {
  const total = 5_000_000;
  const whole = await chunked(total, total);
  const pieces = await chunked(total, 50_000);
  console.log(`same result: ${whole.sum === pieces.sum}`);
  console.log(
    `one piece:     ${whole.ms.toFixed(0)} ms of work, a 1 ms timer stalled up to ${whole.worstStallMs.toFixed(0)} ms`,
  );
  console.log(
    `100 chunks:    ${pieces.ms.toFixed(0)} ms of work, a 1 ms timer stalled up to ${pieces.worstStallMs.toFixed(0)} ms`,
  );
}
