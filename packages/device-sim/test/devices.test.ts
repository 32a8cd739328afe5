import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createDevice,
  type DeviceSimError,
  DoorLock,
  deviceKinds,
  HueLight,
  MessageType,
  mulberry32,
  SmartSpeaker,
  seededRandom,
  Thermostat,
  VirtualClock,
} from "../src/index.ts";

describe("simulated devices", () => {
  it("every kind supports only its own messages and refuses messages before connecting", async () => {
    for (const kind of deviceKinds) {
      const device = createDevice(kind, "d", { clock: new VirtualClock(), latencyMs: 1 });
      expect(device.kind).toBe(kind);
      const type = device.supportedMessages[0]!;
      await expect(device.sendMessage(type)).rejects.toThrow(`${kind} "d" is not connected`);
      const unsupported = Object.values(MessageType).find(
        (t) => !device.supportedMessages.includes(t),
      )!;
      await device.connect();
      await expect(device.sendMessage(unsupported)).rejects.toThrow(
        `does not support ${unsupported}`,
      );
    }
  });

  it("devices change state as messages arrive", async () => {
    const clock = new VirtualClock();
    const speaker = new SmartSpeaker("s", { clock });
    const thermostat = new Thermostat("t", { clock });
    const lock = new DoorLock("d", { clock });
    await Promise.all([speaker.connect(), thermostat.connect(), lock.connect()]);
    await speaker.sendMessage(MessageType.SWITCH_ON);
    await speaker.sendMessage(MessageType.PLAY_SONG, "Blue in Green");
    expect(speaker.state).toEqual({ on: true, song: "Blue in Green" });
    await speaker.sendMessage(MessageType.SWITCH_OFF);
    expect(speaker.state).toEqual({ on: false, song: undefined });
    await thermostat.sendMessage(MessageType.SWITCH_ON, 22.5);
    expect(thermostat.state).toEqual({ on: true, targetC: 22.5 });
    await thermostat.sendMessage(MessageType.SWITCH_OFF);
    await thermostat.sendMessage(MessageType.SWITCH_ON);
    expect(thermostat.state).toEqual({ on: true, targetC: 22.5 });
    await lock.sendMessage(MessageType.OPEN);
    expect(lock.state.open).toBe(true);
    await expect(lock.sendMessage(MessageType.CLOSE, "now")).rejects.toThrow(
      'CLOSE takes no data, got "now"',
    );
  });

  it("rejects bad options with their names", () => {
    expect(() => new HueLight("l", { latencyMs: -1 })).toThrow("latencyMs must be >= 0, got -1");
    expect(() => new HueLight("l", { jitterMs: Number.NaN })).toThrow(/jitterMs/);
    expect(() => new HueLight("l", { failureRate: 1.5 })).toThrow(
      "failureRate must be in [0, 1], got 1.5",
    );
    expect(() => new HueLight("")).toThrow(/non-empty/);
    expect(() => createDevice("fridge" as never, "f")).toThrow(/unknown device kind "fridge"/);
  });

  it("failures are errors with the device and message type", async () => {
    const light = new HueLight("l", { clock: new VirtualClock(), failureRate: 1 });
    await light.connect();
    const error = (await light
      .sendMessage(MessageType.SWITCH_ON)
      .catch((e: unknown) => e)) as DeviceSimError;
    expect([error.code, error.device, error.type]).toEqual(["DEVICE_FAILURE", "l", "SWITCH_ON"]);
  });

  it("the same seed gives the same latencies and failures; the stream depends on the id", async () => {
    async function run(seed: number, id: string) {
      const clock = new VirtualClock();
      const light = new HueLight(id, { clock, seed, jitterMs: 200, failureRate: 0.3 });
      await light.connect();
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const start = clock.now();
        const ok = await light.sendMessage(MessageType.SWITCH_ON).then(
          () => true,
          () => false,
        );
        out.push(`${(clock.now() - start).toFixed(3)}:${ok}`);
      }
      return out;
    }
    const a = await run(42, "light");
    expect(await run(42, "light")).toEqual(a);
    expect(await run(43, "light")).not.toEqual(a);
    expect(await run(42, "other")).not.toEqual(a);
    const latencies = a.map((s) => Number(s.split(":")[0]));
    expect(latencies.every((ms) => ms >= 300 && ms <= 700)).toBe(true);
    expect(a.some((s) => s.endsWith("false"))).toBe(true);
    expect(a.some((s) => s.endsWith("true"))).toBe(true);
  });
});

describe("random sources", () => {
  it("mulberry32 gives uniform numbers in [0, 1)", () => {
    const random = mulberry32(123);
    const n = 20_000;
    const xs = Array.from({ length: n }, random);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // sd of the mean is 0.002
    const buckets = new Array(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]++;
    expect(buckets.every((b) => Math.abs(b - n / 10) < 200)).toBe(true);
  });

  it("seededRandom is a pure function of (seed, stream)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, stream) => {
        const a = seededRandom(seed, stream);
        const b = seededRandom(seed, stream);
        for (let i = 0; i < 5; i++) expect(a()).toBe(b());
      }),
    );
    expect(() => seededRandom(0.5, "x")).toThrow(/safe integer/);
  });

  it("failure frequency follows failureRate", async () => {
    const clock = new VirtualClock();
    const light = new HueLight("l", { clock, latencyMs: 0, failureRate: 0.3, seed: 5 });
    await light.connect();
    let failures = 0;
    for (let i = 0; i < 2000; i++) {
      await light.sendMessage(MessageType.SWITCH_ON).catch(() => failures++);
    }
    expect(Math.abs(failures / 2000 - 0.3)).toBeLessThan(0.05);
  });
});
