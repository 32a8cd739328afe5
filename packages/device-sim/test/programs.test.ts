import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HueLight,
  IoTService,
  MessageType,
  runParallel,
  SmartSpeaker,
  SmartToilet,
  sleepProgram,
  VirtualClock,
  WAKE_UP_SONG,
  wakeUpProgram,
} from "../src/index.ts";

const LATENCY = 500;

async function home(latencyMs = LATENCY) {
  const clock = new VirtualClock();
  const service = new IoTService({ clock });
  const light = new HueLight("light", { clock, latencyMs });
  const speaker = new SmartSpeaker("speaker", { clock, latencyMs });
  const toilet = new SmartToilet("toilet", { clock, latencyMs });
  await runParallel(...[light, speaker, toilet].map((d) => () => service.registerDevice(d)), {
    clock,
  });
  service.timeline.reset();
  return { clock, service, light, speaker, toilet };
}

describe("classic programs on a virtual clock", () => {
  it("wake-up takes two latencies: light and speaker on together, then the song", async () => {
    const { clock, service, light, speaker } = await home();
    const start = clock.now();
    await service.runProgram(wakeUpProgram());
    expect(clock.now() - start).toBe(2 * LATENCY);
    const steps = service.timeline.steps.map((s) => [s.device, s.type, s.startMs, s.endMs, s.ok]);
    expect(steps).toEqual([
      ["light", "SWITCH_ON", 0, 500, true],
      ["speaker", "SWITCH_ON", 0, 500, true],
      ["speaker", "PLAY_SONG", 500, 1000, true],
    ]);
    expect(light.state.on).toBe(true);
    expect(speaker.state).toEqual({ on: true, song: WAKE_UP_SONG });
    expect(clock.pendingTimers).toBe(0);
  });

  it("sleep takes two latencies and flushes strictly before cleaning", async () => {
    const { clock, service, light, speaker, toilet } = await home();
    const start = clock.now();
    await service.runProgram(sleepProgram());
    expect(clock.now() - start).toBe(2 * LATENCY);
    const byType = new Map(service.timeline.steps.map((s) => [s.type, s]));
    const flush = byType.get(MessageType.FLUSH)!;
    const clean = byType.get(MessageType.CLEAN)!;
    expect(flush.endMs!).toBeLessThanOrEqual(clean.startMs);
    expect(flush.startMs).toBeLessThan(clean.startMs);
    // The light and the speaker switch off while the toilet flushes.
    expect(byType.get(MessageType.SWITCH_OFF)!.startMs).toBe(flush.startMs);
    expect(service.timeline.steps).toHaveLength(4);
    expect(toilet.state.history).toEqual(["FLUSH", "CLEAN"]);
    expect(light.state.on).toBe(false);
    expect(speaker.state.on).toBe(false);
  });

  it("the classic programs take two latencies whatever the latency", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), async (latency) => {
        for (const program of [wakeUpProgram(), sleepProgram()]) {
          const { clock, service } = await home(latency);
          const start = clock.now();
          await service.runProgram(program);
          expect(clock.now() - start).toBe(2 * latency);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("registration", () => {
  it("registering n devices in parallel takes one latency, not n", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 5000 }),
        async (n, latencyMs) => {
          const clock = new VirtualClock();
          const service = new IoTService({ clock });
          const devices = Array.from(
            { length: n },
            (_, i) => new HueLight(`l${i}`, { clock, latencyMs }),
          );
          const ids = await runParallel(...devices.map((d) => () => service.registerDevice(d)), {
            clock,
          });
          expect(clock.now()).toBe(latencyMs);
          expect(ids).toEqual(devices.map((d) => d.id));
          expect(service.deviceIds).toHaveLength(n);
          expect(devices.every((d) => d.connected)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("registering in sequence takes one latency per device", async () => {
    const clock = new VirtualClock();
    const service = new IoTService({ clock });
    for (const id of ["a", "b", "c"]) await service.registerDevice(new HueLight(id, { clock }));
    expect(clock.now()).toBe(3 * LATENCY);
  });
});

describe("scale", () => {
  it("10,000 devices switched on in one parallel group finish in one latency", async () => {
    const clock = new VirtualClock();
    const service = new IoTService({ clock });
    const lights = Array.from({ length: 10_000 }, (_, i) => new HueLight(`light-${i}`, { clock }));
    await runParallel(...lights.map((d) => () => service.registerDevice(d)), { clock });
    const start = clock.now();
    await service.runProgram({
      parallel: lights.map((d) => ({ deviceId: d.id, type: MessageType.SWITCH_ON })),
    });
    expect(clock.now() - start).toBe(LATENCY);
    expect(lights.every((d) => d.state.on)).toBe(true);
    const messages = service.timeline.steps.filter((s) => s.type === MessageType.SWITCH_ON);
    expect(messages).toHaveLength(10_000);
    expect(messages.every((s) => s.startMs === start && s.endMs === start + LATENCY)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it("with jitter, a parallel group lasts as long as its slowest step", async () => {
    const clock = new VirtualClock();
    const service = new IoTService({ clock });
    const lights = Array.from(
      { length: 200 },
      (_, i) => new HueLight(`light-${i}`, { clock, jitterMs: 100, seed: 3 }),
    );
    await runParallel(...lights.map((d) => () => service.registerDevice(d)), { clock });
    service.timeline.reset();
    const start = clock.now();
    await service.runProgram({
      parallel: lights.map((d) => ({ deviceId: d.id, type: MessageType.SWITCH_ON })),
    });
    const ends = service.timeline.steps.map((s) => s.endMs!);
    expect(clock.now() - start).toBe(Math.max(...ends));
    expect(Math.max(...ends)).toBeLessThanOrEqual(600);
    expect(Math.min(...ends)).toBeGreaterThanOrEqual(400);
    expect(new Set(ends).size).toBeGreaterThan(100);
  });
});
