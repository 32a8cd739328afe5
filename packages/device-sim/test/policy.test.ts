import { describe, expect, it } from "vitest";
import {
  type DeviceSimError,
  ErrorCode,
  HueLight,
  IoTService,
  MessageType,
  runParallel,
  runSequence,
  SmartSpeaker,
  SmartToilet,
  type StepContext,
  sleepProgram,
  VirtualClock,
} from "../src/index.ts";

async function home(clock: VirtualClock) {
  const service = new IoTService({ clock });
  const options = { clock };
  for (const device of [
    new HueLight("light", options),
    new SmartSpeaker("speaker", options),
    new SmartToilet("toilet", options),
  ]) {
    await service.registerDevice(device);
  }
  service.timeline.reset();
  return service;
}

describe("timeouts", () => {
  it("a step over its timeout fails with TIMEOUT, is cancelled, and leaves no timer", async () => {
    const clock = new VirtualClock();
    const service = await home(clock);
    const start = clock.now();
    const error = (await service
      .runProgram(sleepProgram(), { timeoutMs: 200 })
      .catch((e: unknown) => e)) as DeviceSimError;
    expect(clock.now() - start).toBe(200);
    expect(error.code).toBe(ErrorCode.STEPS_FAILED);
    expect(error.failures.map((f) => [f.device, f.type, f.path])).toEqual([
      ["light", "SWITCH_OFF", "$.parallel[0]"],
      ["speaker", "SWITCH_OFF", "$.parallel[1]"],
      ["toilet", "FLUSH", "$.parallel[2].sequence[0]"],
    ]);
    expect(error.failures.every((f) => (f.reason as DeviceSimError).code === "TIMEOUT")).toBe(true);
    expect(service.timeline.steps.map((s) => [s.endMs! - s.startMs, s.error])).toEqual([
      [200, "timed out after 200 ms"],
      [200, "timed out after 200 ms"],
      [200, "timed out after 200 ms"],
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("a step within its timeout succeeds and its timeout timer is cleared", async () => {
    const clock = new VirtualClock();
    const service = await home(clock);
    await service.runProgram(sleepProgram(), { timeoutMs: 501 });
    expect(clock.pendingTimers).toBe(0);
    expect(service.timeline.steps.every((s) => s.ok)).toBe(true);
  });

  it("group timeouts apply to each direct step", async () => {
    const clock = new VirtualClock();
    const slow = ({ clock, signal }: StepContext) => clock.sleep(1000, signal);
    const fast = ({ clock, signal }: StepContext) => clock.sleep(10, signal);
    const error = (await runSequence(fast, fast, slow, { clock, timeoutMs: 100 }).then(
      () => undefined,
      (e: unknown) => e,
    )) as DeviceSimError;
    expect(error.failures.map((f) => f.path)).toEqual(["sequence[2]"]);
    expect(clock.now()).toBe(120);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe("retries", () => {
  it("retries with exponential backoff, each attempt recorded", async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const starts: number[] = [];
    const flaky = async ({ clock, signal }: StepContext) => {
      starts.push(clock.now());
      await clock.sleep(10, signal);
      if (++attempts < 4) throw new Error(`attempt ${attempts} failed`);
      return "done";
    };
    const [result] = await runSequence(flaky, { clock, retries: 3, backoffMs: 100 });
    expect(result).toBe("done");
    // attempt 10 ms, then waits of 100, 200, 400 ms between attempts
    expect(starts).toEqual([0, 110, 320, 730]);
  });

  it("gives up after `retries` and reports the last error", async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const run = runParallel(
      () => {
        throw new Error(`failure ${++attempts}`);
      },
      { clock, retries: 2, backoffMs: 5, backoffFactor: 1 },
    );
    await expect(run).rejects.toThrow(/failure 3/);
    expect(clock.now()).toBe(10);
  });

  it("does not retry invalid input (unknown device)", async () => {
    const clock = new VirtualClock();
    const service = await home(clock);
    const run = runSequence(service.step({ deviceId: "fridge", type: MessageType.SWITCH_ON }), {
      clock,
      retries: 5,
    });
    const start = clock.now();
    await expect(run).rejects.toThrow(/unknown device id "fridge"/);
    expect(clock.now()).toBe(start);
  });

  it("retried device failures show up as separate attempts on the timeline", async () => {
    const clock = new VirtualClock();
    const service = new IoTService({ clock });
    const draws = [0.1, 0.4, 0.6]; // below the 0.5 failure rate fails
    const light = new HueLight("light", { clock, failureRate: 0.5, random: () => draws.shift()! });
    await service.registerDevice(light);
    service.timeline.reset();
    await service.runProgram(
      { deviceId: "light", type: MessageType.SWITCH_ON },
      { retries: 5, backoffMs: 100 },
    );
    expect(service.timeline.steps.map((s) => [s.startMs, s.endMs, s.ok])).toEqual([
      [0, 500, false],
      [600, 1100, false],
      [1300, 1800, true],
    ]);
    expect(light.state.on).toBe(true);
  });
});

describe("abort", () => {
  it("aborting mid-program rejects with the reason, cancels every sleep, starts nothing more", async () => {
    const clock = new VirtualClock();
    const service = await home(clock);
    const controller = new AbortController();
    const start = clock.now();
    void clock.sleep(700).then(() => controller.abort(new Error("stop!")));
    const error = await service
      .runProgram(sleepProgram(), { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("stop!");
    expect(clock.now() - start).toBe(700);
    expect(clock.pendingTimers).toBe(0);
    const clean = service.timeline.steps.find((s) => s.type === MessageType.CLEAN)!;
    expect([clean.ok, clean.error, clean.endMs]).toEqual([false, "stop!", 700]);
    // Nothing runs later.
    await clock.sleep(5000);
    expect(service.timeline.steps).toHaveLength(4);
  });

  it("an already aborted signal starts nothing", async () => {
    const clock = new VirtualClock();
    let started = false;
    const signal = AbortSignal.abort(new Error("too late"));
    const run = runParallel(
      () => {
        started = true;
      },
      { clock, signal },
    );
    await expect(run).rejects.toThrow("too late");
    expect(started).toBe(false);
  });

  it("aborting during backoff leaves no timer", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    void clock.sleep(50).then(() => controller.abort(new Error("enough")));
    const run = runSequence(
      () => {
        throw new Error("nope");
      },
      { clock, retries: 3, backoffMs: 1000, signal: controller.signal },
    );
    await expect(run).rejects.toThrow("enough");
    expect(clock.now()).toBe(50);
    expect(clock.pendingTimers).toBe(0);
  });
});
