import type { SimulatedDevice, SimulationOptions } from "./_device.ts";
import { DoorLock, HueLight, SmartSpeaker, SmartToilet, Thermostat } from "./_devices.ts";
import { MessageType } from "./_message.ts";
import type { Program } from "./_program.ts";

/** The song the wake-up program plays. */
export const WAKE_UP_SONG = "Miles Davis - Kind of Blue";

/** Device ids used by the classic programs (defaults of {@link smartHomeDevices}). */
export interface ClassicIds {
  /** The Hue light. Default `"light"`. */
  readonly light?: string;
  /** The smart speaker. Default `"speaker"`. */
  readonly speaker?: string;
  /** The smart toilet. Default `"toilet"`. */
  readonly toilet?: string;
}

/**
 * The classic wake-up program: switch the light and the speaker on in parallel, then play a
 * song. Takes two latencies.
 */
export function wakeUpProgram(ids: ClassicIds = {}): Program {
  const light = ids.light ?? "light";
  const speaker = ids.speaker ?? "speaker";
  return {
    sequence: [
      {
        parallel: [
          { deviceId: light, type: MessageType.SWITCH_ON },
          { deviceId: speaker, type: MessageType.SWITCH_ON },
        ],
      },
      { deviceId: speaker, type: MessageType.PLAY_SONG, data: WAKE_UP_SONG },
    ],
  };
}

/**
 * The classic sleep program: in parallel, switch the light off, switch the speaker off, and
 * flush then clean the toilet (the flush finishes before the clean starts). Takes two latencies.
 */
export function sleepProgram(ids: ClassicIds = {}): Program {
  const toilet = ids.toilet ?? "toilet";
  return {
    parallel: [
      { deviceId: ids.light ?? "light", type: MessageType.SWITCH_OFF },
      { deviceId: ids.speaker ?? "speaker", type: MessageType.SWITCH_OFF },
      {
        sequence: [
          { deviceId: toilet, type: MessageType.FLUSH },
          { deviceId: toilet, type: MessageType.CLEAN },
        ],
      },
    ],
  };
}

/** The built-in programs by name (with the default device ids). */
export const classicPrograms: Readonly<Record<"wake-up" | "sleep", Program>> = Object.freeze({
  "wake-up": wakeUpProgram(),
  sleep: sleepProgram(),
});

/**
 * A simulated smart home, not yet connected: a Hue light `"light"`, a smart speaker
 * `"speaker"`, a smart toilet `"toilet"`, a thermostat `"thermostat"` and a door lock `"lock"`,
 * all with the same simulation options (each with its own random stream from the seed).
 */
export function smartHomeDevices(options: SimulationOptions = {}): SimulatedDevice<object>[] {
  return [
    new HueLight("light", options),
    new SmartSpeaker("speaker", options),
    new SmartToilet("toilet", options),
    new Thermostat("thermostat", options),
    new DoorLock("lock", options),
  ];
}
