import { type Clock, realClock } from "./_clock.ts";
import type { Device, OperationOptions } from "./_device.ts";
import { DeviceSimError, ErrorCode } from "./_errors.ts";
import type { Message } from "./_message.ts";
import { checkProgram, type Program, type ProgramOptions, runProgramWith } from "./_program.ts";
import type { Step } from "./_task.ts";
import { Timeline } from "./_timeline.ts";

/** Options of {@link IoTService}. */
export interface IoTServiceOptions {
  /** Clock for the timeline, timeouts and backoff; give devices the same one. Default real. */
  readonly clock?: Clock;
}

/**
 * Keeps track of connected devices, sends them messages and runs programs, recording every
 * step (device, message, start, end, outcome) on its {@link Timeline}.
 */
export class IoTService {
  /** The clock the service measures and waits with. */
  readonly clock: Clock;
  /** Every connect and message, with start and end times relative to its origin. */
  readonly timeline: Timeline;
  readonly #devices = new Map<string, Device>();
  readonly #connecting = new Set<string>();
  readonly #unregistered = new Set<string>();

  /** A service with no devices; the timeline's origin is now. */
  constructor(options: IoTServiceOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.timeline = new Timeline(this.clock);
  }

  /** Ids of the registered (connected) devices, in registration order. */
  get deviceIds(): readonly string[] {
    return [...this.#devices.keys()];
  }

  /**
   * Connects `device` and registers it under `device.id`, which it resolves to. Registrations
   * overlap: three in parallel take one latency. Rejects with `DUPLICATE_DEVICE` if the id is
   * taken (or being registered), or with the connect error (the device is then not registered).
   */
  async registerDevice(device: Device, options: OperationOptions = {}): Promise<string> {
    const id = device.id;
    if (this.#devices.has(id) || this.#connecting.has(id)) {
      throw new DeviceSimError(
        ErrorCode.DUPLICATE_DEVICE,
        `device id "${id}" is already registered`,
        {
          device: id,
        },
      );
    }
    this.#connecting.add(id);
    const end = this.timeline.begin(id, "CONNECT");
    try {
      await device.connect(options);
      end();
    } catch (error) {
      end(error);
      throw error;
    } finally {
      this.#connecting.delete(id);
    }
    this.#devices.set(id, device);
    this.#unregistered.delete(id);
    return id;
  }

  /** Disconnects the device and forgets it; later messages to it fail with `UNREGISTERED_DEVICE`. */
  async unregisterDevice(id: string): Promise<void> {
    const device = this.getDevice(id);
    this.#devices.delete(id);
    this.#unregistered.add(id);
    await device.disconnect();
  }

  /** The device registered under `id`; throws `UNKNOWN_DEVICE` or `UNREGISTERED_DEVICE`. */
  getDevice(id: string): Device {
    const device = this.#devices.get(id);
    if (device) return device;
    if (this.#unregistered.has(id)) {
      throw new DeviceSimError(
        ErrorCode.UNREGISTERED_DEVICE,
        `device "${id}" was unregistered; register it again before sending to it`,
        { device: id },
      );
    }
    const known = this.deviceIds.length > 0 ? this.deviceIds.join(", ") : "none";
    const pending = this.#connecting.has(id) ? " (it is still connecting)" : "";
    throw new DeviceSimError(
      ErrorCode.UNKNOWN_DEVICE,
      `unknown device id "${id}"${pending} (registered: ${known})`,
      { device: id },
    );
  }

  /**
   * Sends one message and resolves when the device has handled it. Unknown or unregistered
   * ids, unsupported message types and bad data are rejected before anything is recorded.
   */
  async sendMessage(message: Message, options: OperationOptions = {}): Promise<void> {
    const device = this.getDevice(message.deviceId);
    if (!device.supportedMessages.includes(message.type)) {
      throw new DeviceSimError(
        ErrorCode.UNSUPPORTED_MESSAGE,
        `${device.kind} "${device.id}" does not support ${message.type} (it supports ${device.supportedMessages.join(", ")})`,
        { device: device.id, type: message.type },
      );
    }
    const problem = device.checkData?.(message.type, message.data);
    if (problem !== undefined) {
      throw new DeviceSimError(
        ErrorCode.INVALID_DATA,
        `${device.kind} "${device.id}": ${message.type} ${problem}`,
        { device: device.id, type: message.type },
      );
    }
    const end = this.timeline.begin(device.id, message.type, message.data);
    try {
      await device.sendMessage(message.type, message.data, options);
      end();
    } catch (error) {
      end(error);
      throw error;
    }
  }

  /**
   * The message as a {@link Step} for `runSequence` / `runParallel`: it does not start until
   * the group calls it, honours the group's signal, and names its device and type in failures.
   */
  step(message: Message): Step<void> {
    const step = (context: { signal: AbortSignal }) =>
      this.sendMessage(message, { signal: context.signal });
    return Object.assign(step, { info: { device: message.deviceId, type: message.type } });
  }

  /**
   * Checks a program against the registered devices (ids, supported types, data); throws an
   * `INVALID_PROGRAM` error naming the JSON path of the first problem.
   */
  checkProgram(program: Program | readonly Message[]): void {
    checkProgram(program, this.#devices);
  }

  /**
   * Checks, then runs a program: a message, `{ sequence: [...] }`, `{ parallel: [...] }`,
   * nested at will; a plain array of messages runs in parallel (like the original `gather`).
   * Rejects with one `STEPS_FAILED` error listing every failure, paths as in the document.
   */
  async runProgram(
    program: Program | readonly Message[],
    options: ProgramOptions = {},
  ): Promise<void> {
    this.checkProgram(program);
    await runProgramWith(this, program, { clock: this.clock, ...options });
  }

  /** Disconnects and unregisters every device. */
  async close(): Promise<void> {
    const ids = this.deviceIds;
    await Promise.all(ids.map((id) => this.unregisterDevice(id)));
  }
}
