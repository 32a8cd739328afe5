// Two more smart-home lessons: unregistering a device (later messages to it fail with a clear
// error), and the same three steps run in sequence and in parallel, timed side by side.
import {
  HueLight,
  IoTService,
  MessageType,
  runParallel,
  runSequence,
  SmartSpeaker,
  SmartToilet,
  VirtualClock,
} from "@dmx/device-sim";

/** Runs both lessons on a virtual clock (500 ms per message): exact, instant times. */
export async function unregisterAndCompare(): Promise<{
  sequenceMs: number;
  parallelMs: number;
  afterUnregister: string;
}> {
  const clock = new VirtualClock();
  const service = new IoTService({ clock });
  const options = { clock, latencyMs: 500 };
  await runParallel(
    () => service.registerDevice(new HueLight("light", options)),
    () => service.registerDevice(new SmartSpeaker("speaker", options)),
    () => service.registerDevice(new SmartToilet("toilet", options)),
  ).run({ clock });
  const steps = () => [
    service.step({ deviceId: "light", type: MessageType.SWITCH_ON }),
    service.step({ deviceId: "speaker", type: MessageType.SWITCH_ON }),
    service.step({ deviceId: "toilet", type: MessageType.FLUSH }),
  ];
  let start = clock.now();
  await runSequence(...steps()).run({ clock });
  const sequenceMs = clock.now() - start;
  start = clock.now();
  // Three independent devices: in parallel the three latencies overlap.
  await runParallel(...steps()).run({ clock });
  const parallelMs = clock.now() - start;

  await service.unregisterDevice("speaker");
  let afterUnregister = "sent";
  try {
    await service.sendMessage({ deviceId: "speaker", type: MessageType.SWITCH_ON });
  } catch (error) {
    afterUnregister = `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
  await service.close();
  return { sequenceMs, parallelMs, afterUnregister };
}

/** `pnpm --filter @dmx/docs run sample promises/unregister` */
export async function main(): Promise<void> {
  const r = await unregisterAndCompare();
  console.log(`3 steps in sequence: ${r.sequenceMs} ms (virtual clock)`);
  console.log(`3 steps in parallel: ${r.parallelMs} ms (virtual clock)`);
  console.log(`after unregister: ${r.afterUnregister}`);
}
