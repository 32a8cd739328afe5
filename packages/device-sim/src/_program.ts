import type { Clock } from "./_clock.ts";
import type { Device } from "./_device.ts";
import { DeviceSimError, ErrorCode, type StepFailure, stepsFailed } from "./_errors.ts";
import { type GroupOptions, parallelTask, sequenceTask } from "./_groups.ts";
import type { Message } from "./_message.ts";
import { runWithPolicy, type StepPolicy } from "./_policy.ts";
import type { Step } from "./_task.ts";
import { type DeviceLookup, validate } from "./_validate.ts";

export type { DeviceLookup } from "./_validate.ts";

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

/** Every device id a program sends to, in first-use order (an explicit stack, no recursion). */
export function programDevices(program: Program | readonly Message[]): string[] {
  const ids = new Set<string>();
  const stack: Program[] = [asProgram(program)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const steps = stepsOf(node);
    if (steps === undefined) ids.add((node as Message).deviceId);
    else for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]!);
  }
  return [...ids];
}

function stepsOf(node: Program): readonly Program[] | undefined {
  return "sequence" in node ? node.sequence : "parallel" in node ? node.parallel : undefined;
}

/** What the program runner needs from a service. */
interface StepSource {
  step(message: Message): Step<void>;
}

/** The program as one step: built children first, with an explicit stack (no recursion). */
function compile(source: StepSource, root: Program, options: ProgramOptions): Step {
  const group: GroupOptions = { cancelOnFailure: options.cancelOnFailure ?? false };
  const work: [Program, boolean][] = [[root, false]];
  const built: Step[] = [];
  while (work.length > 0) {
    const [node, expanded] = work.pop()!;
    const steps = stepsOf(node);
    if (steps === undefined) {
      built.push(leaf(source, node as Message, options));
    } else if (!expanded) {
      work.push([node, true]);
      for (let i = steps.length - 1; i >= 0; i--) work.push([steps[i]!, false]);
    } else {
      const children = built.splice(built.length - steps.length);
      built.push(
        "sequence" in node ? sequenceTask(children, group) : parallelTask(children, group),
      );
    }
  }
  return built[0]!;
}

function leaf(source: StepSource, node: Message, options: ProgramOptions): Step {
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
