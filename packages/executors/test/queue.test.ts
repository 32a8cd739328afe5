// AsyncQueue: the bounded FIFO joining the async pipeline's stages. push waits while the
// queue is full, iteration while it is empty; close and fail end it. No timers: the test
// counts what has happened after the event loop settles.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AsyncQueue } from "../src/index.ts";

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("AsyncQueue", () => {
  it("push waits while the queue holds `capacity` items (back-pressure)", async () => {
    const queue = new AsyncQueue<number>(2);
    let pushed = 0;
    const producer = (async () => {
      for (let k = 0; k < 5; k++) {
        await queue.push(k);
        pushed++;
      }
      queue.close();
    })();
    await flush();
    expect(pushed).toBe(2);
    const it = queue[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe(0);
    await flush();
    expect(pushed).toBe(3);
    const rest: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    await producer;
    expect(rest).toEqual([1, 2, 3, 4]);
  });

  it("delivers every item in order, then ends after close (property: any capacity, any items)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer()), async (c, items) => {
        const queue = new AsyncQueue<number>(c);
        const producer = (async () => {
          for (const x of items) await queue.push(x);
          queue.close();
        })();
        const out: number[] = [];
        for await (const x of queue) out.push(x);
        await producer;
        expect(out).toEqual(items);
      }),
    );
  });

  it("the consumer waits while empty and wakes on push", async () => {
    const queue = new AsyncQueue<string>(1);
    const it = queue[Symbol.asyncIterator]();
    let got: string | undefined;
    const next = it.next().then((r) => {
      got = r.value as string;
    });
    await flush();
    expect(got).toBeUndefined();
    await queue.push("a");
    await next;
    expect(got).toBe("a");
  });

  it("fail ends both sides: the waiting producer and the consumer throw the error", async () => {
    const queue = new AsyncQueue<number>(1);
    await queue.push(1);
    const blocked = queue.push(2);
    const error = new Error("stage failed");
    queue.fail(error);
    await expect(blocked).rejects.toBe(error);
    await expect(queue[Symbol.asyncIterator]().next()).rejects.toBe(error);
    await expect(queue.push(3)).rejects.toBe(error);
  });

  it("push after close is an error; a capacity below 1 is taken as 1", async () => {
    const queue = new AsyncQueue<number>(0);
    await queue.push(1);
    let second = false;
    const pending = queue.push(2).then(() => {
      second = true;
    });
    await flush();
    expect(second).toBe(false);
    const it = queue[Symbol.asyncIterator]();
    await it.next();
    await pending;
    queue.close();
    await expect(queue.push(3)).rejects.toThrow("push after close");
  });
});
