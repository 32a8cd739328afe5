// The async pipeline: while one row waits on "I/O", the next row is read and the previous one
// written. Reader → calculator → writer, joined by bounded queues (backpressure).
import { AsyncQueue } from "@dmx/executors";
import { haversine } from "@dmx/geo";

type Point = { latitude: number; longitude: number };
type Pair = [Point, Point];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads, computes and writes one row at a time: every delay adds up (2 per row). */
export async function sequential(pairs: Pair[], ioDelayMs: number): Promise<number[]> {
  const out: number[] = [];
  for (const [a, b] of pairs) {
    await sleep(ioDelayMs); // read
    const km = haversine(a, b);
    await sleep(ioDelayMs); // write
    out.push(km);
  }
  return out;
}

/** The same work as three stages running at once; the read and write delays overlap. */
export async function pipelined(pairs: Pair[], ioDelayMs: number): Promise<number[]> {
  const read = new AsyncQueue<Pair>(4);
  const computed = new AsyncQueue<number>(4);
  const out: number[] = [];
  const reader = (async () => {
    for (const pair of pairs) {
      await sleep(ioDelayMs); // simulated read latency
      await read.push(pair); // waits while the queue is full
    }
    read.close();
  })();
  const calculator = (async () => {
    for await (const [a, b] of read) await computed.push(haversine(a, b));
    computed.close();
  })();
  const writer = (async () => {
    for await (const km of computed) {
      await sleep(ioDelayMs); // simulated write latency
      out.push(km);
    }
  })();
  await Promise.all([reader, calculator, writer]);
  return out;
}

/** `pnpm --filter @dmx/docs run sample pipeline/pipeline` */
export async function main(): Promise<void> {
  const pairs = Array.from(
    { length: 20 },
    (_, i): Pair => [
      { latitude: i, longitude: 0 },
      { latitude: 0, longitude: i },
    ],
  );
  for (const [name, run] of [
    ["sequential", sequential],
    ["pipelined", pipelined],
  ] as const) {
    const start = performance.now();
    const km = await run(pairs, 10);
    const ms = performance.now() - start;
    console.log(`${name}: ${km.length} rows, last ${km.at(-1)} km`);
    console.log(`${name}: ${ms.toFixed(0)} ms with 10 ms per read and per write`);
  }
}
