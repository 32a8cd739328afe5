/**
 * Program validation: one walk over the document with an explicit stack (no recursion, so no
 * nesting depth overflows the call stack), within {@link PROGRAM_LIMITS}.
 * @internal
 */
import type { Device } from "./_device.ts";
import { DeviceSimError, ErrorCode } from "./_errors.ts";
import { isMessageType, messageTypes } from "./_message.ts";
import type { Program } from "./_program.ts";
import { describe, quote } from "./_quote.ts";

/**
 * Limits of a program: `depth` levels of nested groups (the top level is 1), `steps` messages
 * and groups in all, and `bytes` of a program file (`parseProgramJson` text and `dmx iot run`
 * files). Bigger programs are `INVALID_PROGRAM` errors.
 */
export const PROGRAM_LIMITS = Object.freeze({ depth: 100, steps: 100_000, bytes: 8 << 20 });

/** Devices by id, as far as validation needs them. */
export type DeviceLookup = ReadonlyMap<string, Device>;

function invalid(path: string, problem: string): DeviceSimError {
  return new DeviceSimError(ErrorCode.INVALID_PROGRAM, `${path}: ${problem}`, { path });
}

/** `path.key`, or `path["key"]` for a key that is not a plain name. */
function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${quote(key)}]`;
}

interface Pending {
  readonly node: unknown;
  readonly path: string;
  readonly depth: number;
  readonly put: (program: Program) => void;
}

/**
 * Walks a program document, throwing `INVALID_PROGRAM` (message and `path` name the JSON path)
 * at the first problem in document order, and returns it as a {@link Program}. `deviceKey` is
 * what messages call their device (`"device"` in JSON files, `"deviceId"` in code).
 */
export function validate(
  node: unknown,
  path: string,
  deviceKey: "device" | "deviceId",
  devices?: DeviceLookup,
): Program {
  let result: Program | undefined;
  const stack: Pending[] = [{ node, path, depth: 1, put: (p) => (result = p) }];
  let steps = 0;
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (++steps > PROGRAM_LIMITS.steps) {
      throw invalid(at.path, `more than ${PROGRAM_LIMITS.steps} steps (the limit)`);
    }
    const group = groupOf(at.node, at.path, deviceKey);
    if (group === undefined) {
      at.put(message(at.node as Record<string, unknown>, at.path, deviceKey, devices));
      continue;
    }
    const [name, items] = group;
    const here = `${at.path}.${name}`;
    if (at.depth >= PROGRAM_LIMITS.depth) {
      throw invalid(here, `groups nested deeper than ${PROGRAM_LIMITS.depth} levels (the limit)`);
    }
    if (steps + items.length > PROGRAM_LIMITS.steps) {
      throw invalid(here, `more than ${PROGRAM_LIMITS.steps} steps (the limit)`);
    }
    const children = new Array<Program>(items.length);
    at.put(name === "sequence" ? { sequence: children } : { parallel: children });
    for (let i = items.length - 1; i >= 0; i--) {
      stack.push({
        node: items[i],
        path: `${here}[${i}]`,
        depth: at.depth + 1,
        put: (p) => {
          children[i] = p;
        },
      });
    }
  }
  return result!;
}

/** The group name and steps of a group node, `undefined` for a message; throws if neither. */
function groupOf(
  node: unknown,
  path: string,
  deviceKey: string,
): ["sequence" | "parallel", readonly unknown[]] | undefined {
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw invalid(
      path,
      `expected a message {"${deviceKey}", "type", "data"?}, a {"sequence": [...]} or a {"parallel": [...]}, got ${describe(node)}`,
    );
  }
  const keys = Object.keys(node);
  const group = keys.find((k) => k === "sequence" || k === "parallel");
  if (group === undefined) return undefined;
  if (keys.length !== 1) {
    const extra = keys.filter((k) => k !== group).map(quote);
    throw invalid(path, `a "${group}" group has no other keys, found ${extra.join(", ")}`);
  }
  const steps = (node as Record<string, unknown>)[group];
  if (!Array.isArray(steps) || steps.length === 0) {
    throw invalid(
      `${path}.${group}`,
      `expected a non-empty array of steps, got ${describe(steps)}`,
    );
  }
  return [group as "sequence" | "parallel", steps];
}

function message(
  record: Record<string, unknown>,
  path: string,
  deviceKey: "device" | "deviceId",
  devices: DeviceLookup | undefined,
): Program {
  for (const key of Object.keys(record)) {
    if (key !== deviceKey && key !== "type" && key !== "data") {
      throw invalid(
        member(path, key),
        `unknown key (a message has "${deviceKey}", "type" and optional "data"; groups are "sequence" or "parallel")`,
      );
    }
  }
  const id = record[deviceKey];
  if (typeof id !== "string" || id === "") {
    throw invalid(
      `${path}.${deviceKey}`,
      `expected a device id (non-empty string), got ${describe(id)}`,
    );
  }
  const type = record.type;
  if (!isMessageType(type)) {
    const what =
      typeof type === "string"
        ? `unknown message type ${quote(type)}`
        : `expected a message type, got ${describe(type)}`;
    throw invalid(`${path}.type`, `${what} (one of ${messageTypes.join(", ")})`);
  }
  const data = record.data;
  if (devices) {
    const device = devices.get(id);
    if (!device) {
      const known = [...devices.keys()].join(", ") || "none";
      throw invalid(`${path}.${deviceKey}`, `unknown device ${quote(id)} (known: ${known})`);
    }
    if (!device.supportedMessages.includes(type)) {
      throw invalid(
        `${path}.type`,
        `${device.kind} ${quote(id)} does not support ${type} (it supports ${device.supportedMessages.join(", ")})`,
      );
    }
    const problem = device.checkData?.(type, data);
    if (problem !== undefined) throw invalid(`${path}.data`, `${type} ${problem}`);
  }
  return data === undefined ? { deviceId: id, type } : { deviceId: id, type, data };
}
