// Measure before you optimize: warm up, repeat, take the median, report per unit of work.
import { condensedLength, pdist } from "@dmx/geo";

/** Median wall time of `fn` over `repeat` runs after `warmup` unmeasured runs. */
export function medianMs(fn: () => void, repeat = 5, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn(); // let the JIT compile the hot path
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Nanoseconds per pair of `pdist` over n random points on this machine. */
export function pdistNsPerPair(n: number): number {
  const lat = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 180) - 90);
  const lon = Float64Array.from({ length: n }, (_, i) => ((i * 104729) % 360) - 180);
  const ms = medianMs(() => pdist({ lat, lon }));
  return (ms * 1e6) / condensedLength(n);
}

/** `pnpm --filter @dmx/docs run sample performance/measure` */
export async function main(): Promise<void> {
  for (const n of [200, 2000])
    console.log(`pdist, n = ${n}: ${pdistNsPerPair(n).toFixed(2)} ns/pair`);
}
