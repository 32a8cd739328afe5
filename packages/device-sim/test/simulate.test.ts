import { describe, expect, it } from "vitest";
import { classicPrograms, DeviceSimError, simulate, VirtualClock } from "../src/index.ts";

describe("simulate", () => {
  it("registers only the devices the program uses, in parallel, then runs it", async () => {
    const clock = new VirtualClock();
    const report = await simulate(classicPrograms.sleep, { clock, latencyMs: 200 });
    expect(report.ok).toBe(true);
    expect([report.programStartMs, report.programMs, report.totalMs]).toEqual([200, 400, 600]);
    expect(report.steps.filter((s) => s.type === "CONNECT").map((s) => s.device)).toEqual([
      "light",
      "speaker",
      "toilet",
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("a failing program is reported, not thrown, with every failure listed", async () => {
    const clock = new VirtualClock();
    const report = await simulate(classicPrograms.sleep, { clock, failureRate: 1 });
    expect(report.ok).toBe(false);
    // The toilet's CLEAN never starts: its sequence stopped at the failed FLUSH.
    expect(report.error?.failures.map((f) => `${f.device} ${f.type} ${f.path}`)).toEqual([
      "light SWITCH_OFF $.parallel[0]",
      "speaker SWITCH_OFF $.parallel[1]",
      "toilet FLUSH $.parallel[2].sequence[0]",
    ]);
    expect(report.steps.filter((s) => s.ok === false)).toHaveLength(3);
  });

  it("an invalid program throws before anything runs", async () => {
    const clock = new VirtualClock();
    const run = simulate({ deviceId: "garage", type: "OPEN" }, { clock });
    await expect(run).rejects.toBeInstanceOf(DeviceSimError);
    await expect(simulate({ deviceId: "garage", type: "OPEN" }, { clock })).rejects.toThrow(
      '$.deviceId: unknown device "garage"',
    );
    expect(clock.now()).toBe(0);
  });

  it("the same seed gives the same report", async () => {
    const options = { failureRate: 0.5, jitterMs: 100, seed: 9 };
    const a = await simulate(classicPrograms["wake-up"], { ...options, clock: new VirtualClock() });
    const b = await simulate(classicPrograms["wake-up"], { ...options, clock: new VirtualClock() });
    expect(b.steps).toEqual(a.steps);
    expect(b.totalMs).toBe(a.totalMs);
  });
});
