import { smartHomeDevices } from "./_classic.ts";
import { realClock } from "./_clock.ts";
import type { Device, SimulationOptions } from "./_device.ts";
import { DeviceSimError, ErrorCode } from "./_errors.ts";
import { runParallel } from "./_groups.ts";
import type { Message } from "./_message.ts";
import { checkProgram, type Program, type ProgramOptions, programDevices } from "./_program.ts";
import { IoTService } from "./_service.ts";
import type { StepRecord, TimelineListener } from "./_timeline.ts";

/** Options of {@link simulate}: how devices behave, how the program runs, who listens. */
export interface SimulateOptions extends SimulationOptions, Omit<ProgramOptions, "clock"> {
  /** The devices to use. Default {@link smartHomeDevices} built from these options. */
  readonly devices?: readonly Device[];
  /** Called for every step start and end, as it happens (for live logs). */
  readonly onEvent?: TimelineListener;
}

/** What happened in a {@link simulate} run. */
export interface RunReport {
  /** True when every step succeeded. */
  readonly ok: boolean;
  /** From the start of registration to the end of the program, in ms. */
  readonly totalMs: number;
  /** When the program itself started (after registration), in ms since the start. */
  readonly programStartMs: number;
  /** The program alone, in ms. */
  readonly programMs: number;
  /** Every connect and message, in start order. */
  readonly steps: readonly StepRecord[];
  /** The `STEPS_FAILED` error listing every failure, when `ok` is false. */
  readonly error?: DeviceSimError;
}

/**
 * Runs a program on a fresh {@link IoTService}: checks it against the devices (throwing
 * `INVALID_PROGRAM` before anything runs), registers in parallel the devices it uses, runs it,
 * disconnects everything, and reports the timeline. A failing program does not throw: the
 * report has `ok: false` and the error. Aborting rejects with the signal's reason.
 */
export async function simulate(
  program: Program | readonly Message[],
  options: SimulateOptions = {},
): Promise<RunReport> {
  const devices = options.devices ?? smartHomeDevices(options);
  checkProgram(program, devices);
  const clock = options.clock ?? realClock;
  const service = new IoTService({ clock });
  const unsubscribe = options.onEvent ? service.timeline.subscribe(options.onEvent) : undefined;
  const used = new Set(programDevices(program));
  const signal = options.signal;
  try {
    await runParallel(
      ...devices
        .filter((d) => used.has(d.id))
        .map((d) => () => service.registerDevice(d, { signal })),
    ).run({ clock, ...(signal ? { signal } : {}) });
    const programStartMs = service.timeline.elapsedMs();
    let error: DeviceSimError | undefined;
    try {
      await service.runProgram(program, options);
    } catch (thrown) {
      if (!(thrown instanceof DeviceSimError) || thrown.code !== ErrorCode.STEPS_FAILED) {
        throw thrown;
      }
      error = thrown;
    }
    const totalMs = service.timeline.elapsedMs();
    return {
      ok: error === undefined,
      totalMs,
      programStartMs,
      programMs: totalMs - programStartMs,
      steps: service.timeline.steps,
      ...(error ? { error } : {}),
    };
  } finally {
    await service.close();
    unsubscribe?.();
  }
}
