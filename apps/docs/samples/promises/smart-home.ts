// The smart home from the workshop: lights and speaker in parallel, then a song; at night the
// toilet is flushed strictly before it is cleaned. Steps are thunks, so nothing starts early.
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

/** Runs wake-up and sleep on a virtual clock (500 ms per message) and returns the timeline. */
export async function smartHome() {
  const clock = new VirtualClock(); // a 2-second program finishes in a few real milliseconds
  const service = new IoTService({ clock });
  const options = { clock, latencyMs: 500 };
  const devices = [
    new HueLight("light", options),
    new SmartSpeaker("speaker", options),
    new SmartToilet("toilet", options),
  ];
  await runParallel(...devices.map((d) => () => service.registerDevice(d))).run({ clock });
  service.timeline.reset(); // measure the programs only

  const wakeUp = runSequence(
    runParallel(
      service.step({ deviceId: "light", type: MessageType.SWITCH_ON }),
      service.step({ deviceId: "speaker", type: MessageType.SWITCH_ON }),
    ),
    service.step({ deviceId: "speaker", type: MessageType.PLAY_SONG, data: "Kind of Blue" }),
  );
  await wakeUp.run({ clock });
  const wakeUpMs = service.timeline.elapsedMs();

  service.timeline.reset();
  const sleep = runParallel(
    service.step({ deviceId: "light", type: MessageType.SWITCH_OFF }),
    service.step({ deviceId: "speaker", type: MessageType.SWITCH_OFF }),
    runSequence(
      service.step({ deviceId: "toilet", type: MessageType.FLUSH }),
      service.step({ deviceId: "toilet", type: MessageType.CLEAN }),
    ),
  );
  await sleep.run({ clock });
  const sleepMs = service.timeline.elapsedMs();
  const sleepSteps = service.timeline.steps.map(({ device, type, startMs, endMs }) => ({
    device,
    type,
    startMs,
    endMs,
  }));
  await service.close();
  return { wakeUpMs, sleepMs, sleepSteps };
}

/** `pnpm --filter @dmx/docs run sample promises/smart-home` */
export async function main(): Promise<void> {
  const { wakeUpMs, sleepMs, sleepSteps } = await smartHome();
  console.log(`wake-up: ${wakeUpMs} ms, sleep: ${sleepMs} ms (virtual clock)`);
  for (const s of sleepSteps)
    console.log(`  ${s.device.padEnd(8)} ${s.type.padEnd(10)} ${s.startMs}-${s.endMs} ms`);
}
