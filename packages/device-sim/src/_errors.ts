/**
 * Every reason the simulation can fail, as a string code on {@link DeviceSimError}.
 * - `UNKNOWN_DEVICE`: no device was ever registered under that id.
 * - `UNREGISTERED_DEVICE`: the device was registered, then unregistered.
 * - `DUPLICATE_DEVICE`: an id is registered twice.
 * - `UNSUPPORTED_MESSAGE`: the device does not handle that message type.
 * - `INVALID_DATA`: the message's `data` is wrong for its type.
 * - `NOT_CONNECTED`: a message sent to a device that is not connected.
 * - `DEVICE_FAILURE`: the simulated device failed (see `failureRate`).
 * - `TIMEOUT`: a step took longer than its `timeoutMs`.
 * - `STEPS_FAILED`: one or more steps of a sequence or parallel group failed; see `failures`.
 * - `INVALID_PROGRAM`: a program document is malformed; the message names the JSON path.
 * - `INVALID_OPTION`: an option is out of range (negative latency, rate above 1, ...).
 */
export const DeviceSimErrorCode = {
  UNKNOWN_DEVICE: "UNKNOWN_DEVICE",
  UNREGISTERED_DEVICE: "UNREGISTERED_DEVICE",
  DUPLICATE_DEVICE: "DUPLICATE_DEVICE",
  UNSUPPORTED_MESSAGE: "UNSUPPORTED_MESSAGE",
  INVALID_DATA: "INVALID_DATA",
  NOT_CONNECTED: "NOT_CONNECTED",
  DEVICE_FAILURE: "DEVICE_FAILURE",
  TIMEOUT: "TIMEOUT",
  STEPS_FAILED: "STEPS_FAILED",
  INVALID_PROGRAM: "INVALID_PROGRAM",
  INVALID_OPTION: "INVALID_OPTION",
} as const;

/** One of the {@link ErrorCode} strings. */
export type DeviceSimErrorCode = (typeof DeviceSimErrorCode)[keyof typeof DeviceSimErrorCode];

/** @deprecated Use {@link DeviceSimErrorCode} (the name says whose codes these are). */
export const ErrorCode = DeviceSimErrorCode;
/** @deprecated Use {@link DeviceSimErrorCode}. */
export type ErrorCode = DeviceSimErrorCode;

/** One failed step of a group: which device, which message, and why. */
export interface StepFailure {
  /** Device id, when the step was a device message (or connect). */
  readonly device?: string;
  /** Message type (or `"CONNECT"`), when the step was a device message. */
  readonly type?: string;
  /** Where the step sits in the group tree, e.g. `parallel[2].sequence[0]`. */
  readonly path: string;
  /** The error the step failed with. */
  readonly reason: unknown;
}

/** Extra fields of a {@link DeviceSimError}. */
export interface DeviceSimErrorDetails {
  /** The device involved, if any. */
  readonly device?: string;
  /** The message type (or `"CONNECT"`) involved, if any. */
  readonly type?: string;
  /** For `STEPS_FAILED`: every failed step, depth-first in program order. */
  readonly failures?: readonly StepFailure[];
  /** For `INVALID_PROGRAM`: the JSON path of the offending value, e.g. `$.sequence[2].type`. */
  readonly path?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** The one error class of `@dmx/device-sim`; `code` says what went wrong. */
export class DeviceSimError extends Error {
  override readonly name = "DeviceSimError";
  /** What went wrong, see {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** The device involved, if any. */
  readonly device: string | undefined;
  /** The message type (or `"CONNECT"`) involved, if any. */
  readonly type: string | undefined;
  /** Every failed step (only for `STEPS_FAILED`, otherwise empty). */
  readonly failures: readonly StepFailure[];
  /** JSON path of the offending value (only for `INVALID_PROGRAM`). */
  readonly path: string | undefined;

  /** Creates an error with a code, a human message, and optional details. */
  constructor(code: ErrorCode, message: string, details: DeviceSimErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.device = details.device;
    this.type = details.type;
    this.failures = details.failures ?? [];
    this.path = details.path;
  }
}

/** The message of any thrown value (`Error.message`, else `String(value)`). */
export function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** Builds the `STEPS_FAILED` error listing every failure on its own line. */
export function stepsFailed(failures: readonly StepFailure[]): DeviceSimError {
  const lines = failures.map((f) => {
    const what = [f.device, f.type].filter(Boolean).join(" ");
    return `  - ${what ? `${what}: ` : ""}${reasonText(f.reason)} (at ${f.path})`;
  });
  const count = failures.length === 1 ? "1 step failed" : `${failures.length} steps failed`;
  return new DeviceSimError(ErrorCode.STEPS_FAILED, `${count}:\n${lines.join("\n")}`, {
    failures,
  });
}
