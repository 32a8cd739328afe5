import { SimulatedDevice, type SimulationOptions } from "./_device.ts";
import { DeviceSimError, ErrorCode } from "./_errors.ts";
import { MessageType } from "./_message.ts";
import { describe } from "./_quote.ts";

const M = MessageType;

function noData(data: unknown): string | undefined {
  return data === undefined ? undefined : `takes no data, got ${describe(data)}`;
}

function text(data: unknown, what: string): string | undefined {
  return typeof data === "string" && data.trim() !== ""
    ? undefined
    : `needs ${what} as a non-empty string, got ${describe(data)}`;
}

/** State of a {@link HueLight}. */
export interface LightState {
  /** Whether the light is on. */
  readonly on: boolean;
  /** Current colour (any CSS-like name or `#rrggbb`). */
  readonly color: string;
}

/** A Hue light: SWITCH_ON, SWITCH_OFF, CHANGE_COLOR (data: colour string). */
export class HueLight extends SimulatedDevice<LightState> {
  /** `"hue-light"`. */
  readonly kind = "hue-light";
  /** SWITCH_ON, SWITCH_OFF, CHANGE_COLOR. */
  readonly supportedMessages: readonly MessageType[] = [M.SWITCH_ON, M.SWITCH_OFF, M.CHANGE_COLOR];
  /** A light that is off and white. */
  constructor(id = "light", options: SimulationOptions = {}) {
    super(id, { on: false, color: "white" }, options);
  }
  protected dataProblem(type: MessageType, data: unknown): string | undefined {
    return type === M.CHANGE_COLOR ? text(data, "a colour") : noData(data);
  }
  protected apply(state: LightState, type: MessageType, data: unknown): LightState {
    if (type === M.CHANGE_COLOR) return { ...state, color: data as string };
    return { ...state, on: type === M.SWITCH_ON };
  }
}

/** State of a {@link SmartSpeaker}. */
export interface SpeakerState {
  /** Whether the speaker is on. */
  readonly on: boolean;
  /** The song playing, if any (switching off stops it). */
  readonly song: string | undefined;
}

/** A smart speaker: SWITCH_ON, SWITCH_OFF, PLAY_SONG (data: song name). */
export class SmartSpeaker extends SimulatedDevice<SpeakerState> {
  /** `"smart-speaker"`. */
  readonly kind = "smart-speaker";
  /** SWITCH_ON, SWITCH_OFF, PLAY_SONG. */
  readonly supportedMessages: readonly MessageType[] = [M.SWITCH_ON, M.SWITCH_OFF, M.PLAY_SONG];
  /** A speaker that is off and silent. */
  constructor(id = "speaker", options: SimulationOptions = {}) {
    super(id, { on: false, song: undefined }, options);
  }
  protected dataProblem(type: MessageType, data: unknown): string | undefined {
    return type === M.PLAY_SONG ? text(data, "a song") : noData(data);
  }
  protected apply(state: SpeakerState, type: MessageType, data: unknown): SpeakerState {
    if (type === M.PLAY_SONG) return { ...state, song: data as string };
    return type === M.SWITCH_ON ? { ...state, on: true } : { on: false, song: undefined };
  }
}

/** State of a {@link SmartToilet}. */
export interface ToiletState {
  /** Every FLUSH and CLEAN handled, in order. */
  readonly history: readonly ("FLUSH" | "CLEAN")[];
}

/** A smart toilet: FLUSH, CLEAN. */
export class SmartToilet extends SimulatedDevice<ToiletState> {
  /** `"smart-toilet"`. */
  readonly kind = "smart-toilet";
  /** FLUSH, CLEAN. */
  readonly supportedMessages: readonly MessageType[] = [M.FLUSH, M.CLEAN];
  /** A toilet with an empty history. */
  constructor(id = "toilet", options: SimulationOptions = {}) {
    super(id, { history: [] }, options);
  }
  protected dataProblem(_type: MessageType, data: unknown): string | undefined {
    return noData(data);
  }
  protected apply(state: ToiletState, type: MessageType): ToiletState {
    return { history: [...state.history, type as "FLUSH" | "CLEAN"] };
  }
}

/** State of a {@link Thermostat}. */
export interface ThermostatState {
  /** Whether heating is on. */
  readonly on: boolean;
  /** Target temperature in °C. */
  readonly targetC: number;
}

/** A thermostat: SWITCH_ON (optional data: target °C, 5 to 30), SWITCH_OFF. */
export class Thermostat extends SimulatedDevice<ThermostatState> {
  /** `"thermostat"`. */
  readonly kind = "thermostat";
  /** SWITCH_ON, SWITCH_OFF. */
  readonly supportedMessages: readonly MessageType[] = [M.SWITCH_ON, M.SWITCH_OFF];
  /** A thermostat that is off, set to 20 °C. */
  constructor(id = "thermostat", options: SimulationOptions = {}) {
    super(id, { on: false, targetC: 20 }, options);
  }
  protected dataProblem(type: MessageType, data: unknown): string | undefined {
    if (type === M.SWITCH_OFF || data === undefined) return noData(data);
    return typeof data === "number" && data >= 5 && data <= 30
      ? undefined
      : `takes an optional target temperature from 5 to 30 °C, got ${describe(data)}`;
  }
  protected apply(state: ThermostatState, type: MessageType, data: unknown): ThermostatState {
    if (type === M.SWITCH_OFF) return { ...state, on: false };
    return { on: true, targetC: typeof data === "number" ? data : state.targetC };
  }
}

/** State of a {@link DoorLock}. */
export interface DoorLockState {
  /** Whether the door is unlocked (open). */
  readonly open: boolean;
}

/** A door lock: OPEN (unlock), CLOSE (lock). */
export class DoorLock extends SimulatedDevice<DoorLockState> {
  /** `"door-lock"`. */
  readonly kind = "door-lock";
  /** OPEN, CLOSE. */
  readonly supportedMessages: readonly MessageType[] = [M.OPEN, M.CLOSE];
  /** A locked door. */
  constructor(id = "lock", options: SimulationOptions = {}) {
    super(id, { open: false }, options);
  }
  protected dataProblem(_type: MessageType, data: unknown): string | undefined {
    return noData(data);
  }
  protected apply(_state: DoorLockState, type: MessageType): DoorLockState {
    return { open: type === M.OPEN };
  }
}

/** The simulated device kinds {@link createDevice} knows. */
export const deviceKinds = [
  "hue-light",
  "smart-speaker",
  "smart-toilet",
  "thermostat",
  "door-lock",
] as const;

/** One of {@link deviceKinds}. */
export type DeviceKind = (typeof deviceKinds)[number];

/** Creates a simulated device of a given kind, e.g. `createDevice("hue-light", "porch")`. */
export function createDevice(
  kind: DeviceKind,
  id: string,
  options: SimulationOptions = {},
): SimulatedDevice<object> {
  switch (kind) {
    case "hue-light":
      return new HueLight(id, options);
    case "smart-speaker":
      return new SmartSpeaker(id, options);
    case "smart-toilet":
      return new SmartToilet(id, options);
    case "thermostat":
      return new Thermostat(id, options);
    case "door-lock":
      return new DoorLock(id, options);
    default:
      throw new DeviceSimError(
        ErrorCode.INVALID_OPTION,
        `unknown device kind ${JSON.stringify(kind)} (known: ${deviceKinds.join(", ")})`,
      );
  }
}
