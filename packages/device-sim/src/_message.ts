/**
 * The messages a smart-home device understands (the asyncio IoT example's `MessageType`).
 * A plain object rather than an `enum`, so Node and Deno can strip the types.
 */
export const MessageType = {
  SWITCH_ON: "SWITCH_ON",
  SWITCH_OFF: "SWITCH_OFF",
  CHANGE_COLOR: "CHANGE_COLOR",
  PLAY_SONG: "PLAY_SONG",
  OPEN: "OPEN",
  CLOSE: "CLOSE",
  FLUSH: "FLUSH",
  CLEAN: "CLEAN",
} as const;

/** One of the {@link MessageType} values, e.g. `"SWITCH_ON"`. */
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Every {@link MessageType}, in declaration order. */
export const messageTypes: readonly MessageType[] = Object.freeze(Object.values(MessageType));

/** True when `value` is one of the {@link MessageType} strings. */
export function isMessageType(value: unknown): value is MessageType {
  return typeof value === "string" && Object.hasOwn(MessageType, value);
}

/** A message for one registered device: what to do and, for some types, with what. */
export interface Message {
  /** The id the device was registered under (see `IoTService.registerDevice`). */
  readonly deviceId: string;
  /** What the device should do. */
  readonly type: MessageType;
  /** Payload: a colour for `CHANGE_COLOR`, a song for `PLAY_SONG`, a temperature, ... */
  readonly data?: unknown;
}
