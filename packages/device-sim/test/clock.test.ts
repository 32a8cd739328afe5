import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { realClock, VirtualClock } from "../src/index.ts";

describe("VirtualClock", () => {
  it("wakes sleepers in time order (ties in the order they slept) at exact times", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 30 }),
        async (delays) => {
          const clock = new VirtualClock();
          const woke: [number, number, number][] = [];
          await Promise.all(
            delays.map((ms, i) => clock.sleep(ms).then(() => woke.push([ms, i, clock.now()]))),
          );
          const expected = delays.map((ms, i) => [ms, i, ms] as [number, number, number]);
          expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(woke).toEqual(expected);
          expect(clock.pendingTimers).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("does not advance while work is still running on microtasks", async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const sleeper = clock.sleep(100).then(() => seen.push(clock.now()));
    for (let i = 0; i < 1000; i++) await Promise.resolve();
    expect(clock.now()).toBe(0);
    await sleeper;
    expect(seen).toEqual([100]);
  });

  it("nested sleeps add up", async () => {
    const clock = new VirtualClock();
    await clock.sleep(10);
    await clock.sleep(0);
    await clock.sleep(15);
    expect(clock.now()).toBe(25);
  });

  it("an aborted sleep rejects with the reason and is no longer pending", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    expect(clock.pendingTimers).toBe(1);
    controller.abort(new Error("cancelled"));
    await expect(sleeping).rejects.toThrow("cancelled");
    expect(clock.pendingTimers).toBe(0);
    await expect(clock.sleep(5, controller.signal)).rejects.toThrow("cancelled");
    expect(clock.pendingTimers).toBe(0);
    expect(clock.now()).toBe(0);
  });

  it("rejects negative or non-finite delays", () => {
    const clock = new VirtualClock();
    expect(() => clock.sleep(-1)).toThrow(/finite number >= 0/);
    expect(() => realClock.sleep(Number.POSITIVE_INFINITY)).toThrow(/finite number >= 0/);
  });
});

describe("realClock", () => {
  it("an already aborted signal rejects at once", async () => {
    await expect(realClock.sleep(10_000, AbortSignal.abort(new Error("no")))).rejects.toThrow("no");
  });
});
