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
