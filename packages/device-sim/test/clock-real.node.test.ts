// Node-only (uses vi fake timers): the real clock and real-clock programs leave no timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  HueLight,
  IoTService,
  MessageType,
  realClock,
  runParallel,
  simulate,
  sleepProgram,
} from "../src/index.ts";

describe("realClock with fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sleep resolves after its delay and leaves no timer", async () => {
    let done = false;
    const sleeping = realClock.sleep(500).then(() => {
      done = true;
    });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("abort clears the timer at once", async () => {
    const controller = new AbortController();
    const sleeping = realClock.sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a timed-out program leaves no timer behind", async () => {
    const service = new IoTService();
    const light = new HueLight("light");
    const registering = service.registerDevice(light);
    await vi.advanceTimersByTimeAsync(500);
    await registering;
    const run = service
      .runProgram({ deviceId: "light", type: MessageType.SWITCH_ON }, { timeoutMs: 100 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(String(await run)).toMatch(/timed out after 100 ms/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a successful run with a long timeout clears the timeout timers", async () => {
    const running = simulate(sleepProgram(), { latencyMs: 50, timeoutMs: 3_600_000 });
    await vi.advanceTimersByTimeAsync(150);
    const report = await running;
    expect([report.ok, report.totalMs]).toEqual([true, 150]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an aborted parallel group leaves no timer", async () => {
    const controller = new AbortController();
    const run = runParallel(
      ({ signal }) => realClock.sleep(1000, signal),
      ({ signal }) => realClock.sleep(2000, signal),
      { signal: controller.signal },
    ).run();
    expect(vi.getTimerCount()).toBe(2);
    controller.abort(new Error("bye"));
    await expect(run).rejects.toThrow("bye");
    expect(vi.getTimerCount()).toBe(0);
  });
});
