import type { Clock } from "./_clock.ts";
import type { Device } from "./_device.ts";
import { DeviceSimError, ErrorCode, type StepFailure, stepsFailed } from "./_errors.ts";
import { type GroupOptions, runParallel, runSequence } from "./_groups.ts";
import { isMessageType, type Message, messageTypes } from "./_message.ts";
import { runWithPolicy, type StepPolicy } from "./_policy.ts";
import type { Step } from "./_task.ts";

/** Steps that run one after another. */
export interface SequenceProgram {
  /** The steps, in order. */
  readonly sequence: readonly Program[];
}

/** Steps that run at the same time. */
export interface ParallelProgram {
  /** The steps, all started at once. */
  readonly parallel: readonly Program[];
}

/** A program: one message, or a sequence or parallel group of programs, nested at will. */
export type Program = Message | SequenceProgram | ParallelProgram;

/** How a program runs: a signal and clock, plus timeout and retries for every message. */
export interface ProgramOptions extends StepPolicy {
  /** Aborting stops the program. */
  readonly signal?: AbortSignal;
  /** Clock for timeouts and backoff (the service passes its own). */
  readonly clock?: Clock;
  /** In parallel groups, abort the other steps as soon as one fails. Default `false`. */
  readonly cancelOnFailure?: boolean;
}

/** Devices by id, as far as validation needs them. */
export type DeviceLookup = ReadonlyMap<string, Device>;

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : JSON.stringify(value);
}

function invalid(path: string, problem: string): DeviceSimError {
  return new DeviceSimError(ErrorCode.INVALID_PROGRAM, `${path}: ${problem}`, { path });
}

/**
 * Walks a program document, throwing `INVALID_PROGRAM` (message and `path` name the JSON path)
 * at the first problem, and returns it as a {@link Program}. `deviceKey` is what messages call
 * their device (`"device"` in JSON files, `"deviceId"` in code).
 */
export function validate(
  node: unknown,
  path: string,
  deviceKey: "device" | "deviceId",
  devices?: DeviceLookup,
): Program {
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw invalid(
      path,
      `expected a message {"${deviceKey}", "type", "data"?}, a {"sequence": [...]} or a {"parallel": [...]}, got ${show(node)}`,
    );
  }
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  const group = keys.find((k) => k === "sequence" || k === "parallel");
  if (group) {
    if (keys.length !== 1) {
      const extra = keys.filter((k) => k !== group).map((k) => `"${k}"`);
      throw invalid(path, `a "${group}" group has no other keys, found ${extra.join(", ")}`);
    }
    const steps = record[group];
    if (!Array.isArray(steps) || steps.length === 0) {
      throw invalid(`${path}.${group}`, `expected a non-empty array of steps, got ${show(steps)}`);
    }
    const children = steps.map((s, i) => validate(s, `${path}.${group}[${i}]`, deviceKey, devices));
    return group === "sequence" ? { sequence: children } : { parallel: children };
  }
  for (const key of keys) {
    if (key !== deviceKey && key !== "type" && key !== "data") {
      throw invalid(
        `${path}.${key}`,
        `unknown key (a message has "${deviceKey}", "type" and optional "data"; groups are "sequence" or "parallel")`,
      );
    }
  }
  const id = record[deviceKey];
  if (typeof id !== "string" || id === "") {
    throw invalid(
      `${path}.${deviceKey}`,
      `expected a device id (non-empty string), got ${show(id)}`,
    );
  }
  const type = record.type;
  if (!isMessageType(type)) {
    const what =
      typeof type === "string"
        ? `unknown message type "${type}"`
        : `expected a message type, got ${show(type)}`;
    throw invalid(`${path}.type`, `${what} (one of ${messageTypes.join(", ")})`);
  }
  const data = record.data;
  if (devices) {
    const device = devices.get(id);
    if (!device) {
      const known = [...devices.keys()].join(", ") || "none";
      throw invalid(`${path}.${deviceKey}`, `unknown device "${id}" (known: ${known})`);
    }
    if (!device.supportedMessages.includes(type)) {
      throw invalid(
        `${path}.type`,
        `${device.kind} "${id}" does not support ${type} (it supports ${device.supportedMessages.join(", ")})`,
      );
    }
    const problem = device.checkData?.(type, data);
    if (problem !== undefined) throw invalid(`${path}.data`, `${type} ${problem}`);
  }
  return data === undefined ? { deviceId: id, type } : { deviceId: id, type, data };
}

/**
 * Checks an in-code program (messages use `deviceId`) against a set of devices: structure,
 * device ids, supported types and data. Throws `INVALID_PROGRAM` naming the path, e.g.
 * `$.parallel[2].sequence[0].type`. A plain array is checked as `{ parallel: [...] }`.
 */
export function checkProgram(
  program: Program | readonly Message[],
  devices: DeviceLookup | Iterable<Device>,
): void {
  const lookup =
    devices instanceof Map
      ? devices
      : new Map([...(devices as Iterable<Device>)].map((d) => [d.id, d]));
  validate(asProgram(program), "$", "deviceId", lookup as DeviceLookup);
}

/** Normalises the array form to a parallel group. */
export function asProgram(program: Program | readonly Message[]): Program {
  return Array.isArray(program) ? { parallel: program } : (program as Program);
}

/** Every device id a program sends to, in first-use order. */
export function programDevices(program: Program | readonly Message[]): string[] {
  const ids = new Set<string>();
  const visit = (node: Program): void => {
    if ("sequence" in node) node.sequence.forEach(visit);
    else if ("parallel" in node) node.parallel.forEach(visit);
    else ids.add(node.deviceId);
  };
  visit(asProgram(program));
  return [...ids];
}

/** What the program runner needs from a service. */
interface StepSource {
  step(message: Message): Step<void>;
}

function compile(source: StepSource, node: Program, options: ProgramOptions): Step {
  const group: GroupOptions = { cancelOnFailure: options.cancelOnFailure ?? false };
  if ("sequence" in node)
    return runSequence(...node.sequence.map((n) => compile(source, n, options)), group);
  if ("parallel" in node)
    return runParallel(...node.parallel.map((n) => compile(source, n, options)), group);
  const step = source.step(node);
  if (options.timeoutMs === undefined && !options.retries) return step;
  return Object.assign((ctx: Parameters<Step>[0]) => runWithPolicy(step, ctx, options), {
    info: step.info,
  });
}

/**
 * Runs an already checked program with steps from `source`: timeouts and retries apply to
 * each message, groups only combine. Failures are reported with their JSON paths (`$`, or
 * `$.sequence[1].parallel[0]`, ...).
 */
export async function runProgramWith(
  source: StepSource,
  program: Program | readonly Message[],
  options: ProgramOptions,
): Promise<void> {
  const root = asProgram(program);
  const step = compile(source, root, options);
  const signal = options.signal ?? new AbortController().signal;
  const clock = options.clock;
  if (!clock) throw new DeviceSimError(ErrorCode.INVALID_OPTION, "runProgramWith needs a clock");
  try {
    await step({ signal, clock });
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof DeviceSimError && error.code === ErrorCode.STEPS_FAILED) {
      throw stepsFailed(error.failures.map((f) => ({ ...f, path: `$.${f.path}` })));
    }
    const failure: StepFailure = {
      device: "deviceId" in root ? root.deviceId : undefined,
      type: "deviceId" in root ? root.type : undefined,
      path: "$",
      reason: error,
    };
    throw stepsFailed([failure]);
  }
}
