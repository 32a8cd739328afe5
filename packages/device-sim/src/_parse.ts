import type { Device } from "./_device.ts";
import { DeviceSimError, ErrorCode } from "./_errors.ts";
import type { Program } from "./_program.ts";
import { PROGRAM_LIMITS, validate } from "./_validate.ts";

/**
 * Validates a program document (already `JSON.parse`d) and returns it as a {@link Program}.
 * In documents a message is `{"device": "light", "type": "SWITCH_ON", "data"?: ...}`; groups
 * are `{"sequence": [...]}` and `{"parallel": [...]}`. With `devices`, device ids, supported
 * types and data are checked too. Throws `INVALID_PROGRAM` naming the JSON path, e.g.
 * `$.sequence[2].type: unknown message type "FLY" (one of SWITCH_ON, ...)`.
 */
export function parseProgram(document: unknown, devices?: Iterable<Device>): Program {
  const lookup = devices ? new Map([...devices].map((d) => [d.id, d])) : undefined;
  return validate(document, "$", "device", lookup);
}

/**
 * {@link parseProgram} over JSON text; invalid JSON, or text longer than
 * `PROGRAM_LIMITS.bytes` characters, is an `INVALID_PROGRAM` error at `$`. A leading UTF-8
 * byte-order mark is dropped.
 */
export function parseProgramJson(text: string, devices?: Iterable<Device>): Program {
  if (text.length > PROGRAM_LIMITS.bytes) {
    throw new DeviceSimError(
      ErrorCode.INVALID_PROGRAM,
      `$: the program is longer than ${PROGRAM_LIMITS.bytes} characters (the limit)`,
      { path: "$" },
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DeviceSimError(ErrorCode.INVALID_PROGRAM, `$: not valid JSON (${why})`, {
      path: "$",
      cause: error,
    });
  }
  return parseProgram(document, devices);
}
