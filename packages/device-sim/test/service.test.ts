import { describe, expect, it } from "vitest";
import {
  DeviceSimError,
  DoorLock,
  ErrorCode,
  HueLight,
  IoTService,
  MessageType,
  runParallel,
  type StepRecord,
  type TimelineEvent,
  VirtualClock,
} from "../src/index.ts";

function setUp() {
  const clock = new VirtualClock();
  const service = new IoTService({ clock });
  const light = new HueLight("light", { clock, latencyMs: 100 });
  const lock = new DoorLock("lock", { clock, latencyMs: 100 });
  return { clock, service, light, lock };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof DeviceSimError ? e.code : String(e)),
  );
}

describe("IoTService", () => {
  it("registerDevice connects and resolves to the device id", async () => {
    const { clock, service, light } = setUp();
    expect(light.connected).toBe(false);
    expect(await service.registerDevice(light)).toBe("light");
    expect(light.connected).toBe(true);
    expect(clock.now()).toBe(100);
    expect(service.getDevice("light")).toBe(light);
    expect(service.deviceIds).toEqual(["light"]);
  });

  it("sendMessage changes the device state and records the step", async () => {
    const { service, light } = setUp();
    await service.registerDevice(light);
    await service.sendMessage({ deviceId: "light", type: MessageType.CHANGE_COLOR, data: "red" });
    expect(light.state).toEqual({ on: false, color: "red" });
    const last = service.timeline.steps.at(-1)!;
    expect(last).toMatchObject({
      device: "light",
      type: "CHANGE_COLOR",
      data: "red",
      startMs: 100,
      endMs: 200,
      ok: true,
    });
  });

  it("clear errors: unknown id, unsupported type, unregistered device, duplicate id", async () => {
    const { service, light, lock } = setUp();
    await runParallel(
      () => service.registerDevice(light),
      () => service.registerDevice(lock),
    );
    const unknown = service.sendMessage({ deviceId: "fridge", type: MessageType.OPEN });
    await expect(unknown).rejects.toThrow('unknown device id "fridge" (registered: light, lock)');
    const unsupported = service.sendMessage({ deviceId: "lock", type: MessageType.FLUSH });
    await expect(unsupported).rejects.toThrow(
      'door-lock "lock" does not support FLUSH (it supports OPEN, CLOSE)',
    );
    await service.unregisterDevice("lock");
    expect(lock.connected).toBe(false);
    const gone = service.sendMessage({ deviceId: "lock", type: MessageType.OPEN });
    expect(await codeOf(gone)).toBe(ErrorCode.UNREGISTERED_DEVICE);
    await expect(service.sendMessage({ deviceId: "lock", type: MessageType.OPEN })).rejects.toThrow(
      /was unregistered/,
    );
    expect(await codeOf(service.registerDevice(light))).toBe(ErrorCode.DUPLICATE_DEVICE);
    expect(() => service.getDevice("nope")).toThrow(/unknown device id "nope"/);
    // None of these were recorded as steps: they never started.
    expect(service.timeline.steps.map((s) => s.type)).toEqual(["CONNECT", "CONNECT"]);
  });

  it("the same id cannot be registered twice even while the first is still connecting", async () => {
    const { service, clock } = setUp();
    const first = service.registerDevice(new HueLight("x", { clock }));
    const second = service.registerDevice(new HueLight("x", { clock }));
    expect(await codeOf(second)).toBe(ErrorCode.DUPLICATE_DEVICE);
    await first;
    expect(service.deviceIds).toEqual(["x"]);
  });

  it("a device can be registered again after being unregistered", async () => {
    const { service, light } = setUp();
    await service.registerDevice(light);
    await service.unregisterDevice("light");
    await service.registerDevice(light);
    await service.sendMessage({ deviceId: "light", type: MessageType.SWITCH_ON });
    expect(light.state.on).toBe(true);
  });

  it("close() disconnects every device", async () => {
    const { service, light, lock } = setUp();
    await service.registerDevice(light);
    await service.registerDevice(lock);
    await service.close();
    expect([light.connected, lock.connected]).toEqual([false, false]);
    expect(service.deviceIds).toEqual([]);
  });

  it("the timeline tells listeners when steps start and end", async () => {
    const { service, light } = setUp();
    const events: TimelineEvent[] = [];
    const stop = service.timeline.subscribe((e) => events.push(e));
    await service.registerDevice(light);
    await service
      .sendMessage({ deviceId: "light", type: MessageType.CHANGE_COLOR, data: 7 })
      .catch(() => {});
    stop();
    await service.sendMessage({ deviceId: "light", type: MessageType.SWITCH_ON });
    expect(events.map((e) => `${e.kind} ${e.step.type} ${e.step.ok}`)).toEqual([
      "start CONNECT undefined",
      "end CONNECT true",
    ]);
  });

  it("a failed step records its error", async () => {
    const { clock, service } = setUp();
    const draws = [0];
    const light = new HueLight("l", { clock, failureRate: 0.25, random: () => draws.pop() ?? 1 });
    await service.registerDevice(light);
    const error = await service
      .sendMessage({ deviceId: "l", type: MessageType.SWITCH_ON })
      .catch((e: unknown) => e as DeviceSimError);
    expect(error?.code).toBe(ErrorCode.DEVICE_FAILURE);
    const step = service.timeline.steps.at(-1) as StepRecord;
    expect([step.ok, step.error]).toEqual([
      false,
      'hue-light "l" failed to handle SWITCH_ON (simulated failure, rate 0.25)',
    ]);
    expect(light.state.on).toBe(false);
  });

  it("runProgram checks the whole program before starting anything", async () => {
    const { service, light } = setUp();
    await service.registerDevice(light);
    const before = service.timeline.steps.length;
    const program = {
      sequence: [
        { deviceId: "light", type: MessageType.SWITCH_ON },
        { deviceId: "light", type: MessageType.PLAY_SONG, data: "x" },
      ],
    };
    await expect(service.runProgram(program)).rejects.toThrow(
      '$.sequence[1].type: hue-light "light" does not support PLAY_SONG',
    );
    expect(service.timeline.steps).toHaveLength(before);
  });

  it("an array of messages runs in parallel, as in the original example", async () => {
    const { clock, service, light, lock } = setUp();
    await service.registerDevice(light);
    await service.registerDevice(lock);
    const start = clock.now();
    await service.runProgram([
      { deviceId: "light", type: MessageType.SWITCH_ON },
      { deviceId: "lock", type: MessageType.OPEN },
    ]);
    expect(clock.now() - start).toBe(100);
    expect([light.state.on, lock.state.open]).toEqual([true, true]);
  });
});
