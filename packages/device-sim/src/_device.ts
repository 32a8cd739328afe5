import { type Clock, realClock } from "./_clock.ts";
import { DeviceSimError, ErrorCode } from "./_errors.ts";
import type { MessageType } from "./_message.ts";
import { type Random, seededRandom } from "./_random.ts";

/** Options for one device operation. */
export interface OperationOptions {
  /** Aborting cancels the operation's wait and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** A smart-home device: connect, then send it messages. */
export interface Device {
  /** Unique id; `IoTService.registerDevice` registers the device under it. */
  readonly id: string;
  /** What sort of device it is, e.g. `"hue-light"`. */
  readonly kind: string;
  /** The message types this device handles. */
  readonly supportedMessages: readonly MessageType[];
  /** True between a successful `connect()` and `disconnect()`. */
  readonly connected: boolean;
  /** Connects (takes time on a real or simulated network). */
  connect(options?: OperationOptions): Promise<void>;
  /** Disconnects. */
  disconnect(): Promise<void>;
  /** Sends one message; resolves when the device has handled it. */
  sendMessage(type: MessageType, data?: unknown, options?: OperationOptions): Promise<void>;
  /**
   * Optional up-front check of a message, so programs can be validated before they run:
   * returns why `data` is wrong for `type`, or `undefined` when it is fine.
   */
  checkData?(type: MessageType, data: unknown): string | undefined;
}

/** How a simulated device behaves. */
export interface SimulationOptions {
  /** Time every connect and message takes, in ms. Default 500. */
  readonly latencyMs?: number;
  /** Each wait is `latencyMs` plus a uniform random amount in [-jitterMs, +jitterMs], never below 0. Default 0. */
  readonly jitterMs?: number;
  /** Probability in [0, 1] that a message fails (after its latency). Connects never fail. Default 0. */
  readonly failureRate?: number;
  /** Seed of the device's random stream (one stream per device id). Default 0. */
  readonly seed?: number;
  /** Random source overriding `seed` (uniform in [0, 1)). */
  readonly random?: Random;
  /** Clock to wait on. Default {@link realClock}. */
  readonly clock?: Clock;
}

function checkOption(name: string, value: number, max = Number.POSITIVE_INFINITY): number {
  if (!(Number.isFinite(value) || value === max) || value < 0 || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? ">= 0" : `in [0, ${max}]`;
    throw new DeviceSimError(ErrorCode.INVALID_OPTION, `${name} must be ${range}, got ${value}`);
  }
  return value;
}

/**
 * Base class of the simulated devices: latency, jitter and failures drawn from a seeded
 * random stream, and a snapshot of the device's `state`. Subclasses list the messages they
 * support, check their data, and say how each message changes the state.
 */
export abstract class SimulatedDevice<State extends object> implements Device {
  /** Unique id of this device. */
  readonly id: string;
  /** What sort of device it is. */
  abstract readonly kind: string;
  /** The message types this device handles. */
  abstract readonly supportedMessages: readonly MessageType[];
  /** Latency of every operation, in ms. */
  readonly latencyMs: number;
  /** Jitter amplitude, in ms. */
  readonly jitterMs: number;
  /** Probability that a message fails. */
  readonly failureRate: number;
  readonly #clock: Clock;
  readonly #random: Random;
  #connected = false;
  #state: State;

  /** Creates a disconnected device in its initial `state`. */
  constructor(id: string, initialState: State, options: SimulationOptions = {}) {
    if (typeof id !== "string" || id.length === 0) {
      throw new DeviceSimError(ErrorCode.INVALID_OPTION, "device id must be a non-empty string");
    }
    this.id = id;
    this.latencyMs = checkOption("latencyMs", options.latencyMs ?? 500);
    this.jitterMs = checkOption("jitterMs", options.jitterMs ?? 0);
    this.failureRate = checkOption("failureRate", options.failureRate ?? 0, 1);
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? seededRandom(options.seed ?? 0, id);
    this.#state = initialState;
  }

  /** True between a successful `connect()` and `disconnect()`. */
  get connected(): boolean {
    return this.#connected;
  }

  /** A copy of the device's current state (e.g. `{ on: true, color: "warm white" }`). */
  get state(): State {
    return { ...this.#state };
  }

  /** Waits one (jittered) latency, then counts as connected. */
  async connect(options: OperationOptions = {}): Promise<void> {
    await this.#clock.sleep(this.#delay(), options.signal);
    this.#connected = true;
  }

  /** Disconnects at once (as in the original example, only connecting takes time). */
  async disconnect(): Promise<void> {
    this.#connected = false;
  }

  /** Returns why `data` is wrong for `type` on this device, or `undefined` if it is fine. */
  checkData(type: MessageType, data: unknown): string | undefined {
    if (!this.supportedMessages.includes(type)) return undefined;
    return this.dataProblem(type, data);
  }

  /**
   * Handles one message: checks it, waits one (jittered) latency, then either fails (with
   * probability `failureRate`) or applies the message to the state.
   */
  async sendMessage(
    type: MessageType,
    data?: unknown,
    options: OperationOptions = {},
  ): Promise<void> {
    const what = `${this.kind} "${this.id}"`;
    if (!this.supportedMessages.includes(type)) {
      throw new DeviceSimError(
        ErrorCode.UNSUPPORTED_MESSAGE,
        `${what} does not support ${type} (it supports ${this.supportedMessages.join(", ")})`,
        { device: this.id, type },
      );
    }
    const problem = this.dataProblem(type, data);
    if (problem !== undefined) {
      throw new DeviceSimError(ErrorCode.INVALID_DATA, `${what}: ${type} ${problem}`, {
        device: this.id,
        type,
      });
    }
    if (!this.#connected) {
      throw new DeviceSimError(ErrorCode.NOT_CONNECTED, `${what} is not connected`, {
        device: this.id,
        type,
      });
    }
    // Draw both numbers before waiting, so each device's stream is used in message order.
    const delay = this.#delay();
    const fails = this.failureRate > 0 && this.#random() < this.failureRate;
    await this.#clock.sleep(delay, options.signal);
    if (fails) {
      throw new DeviceSimError(
        ErrorCode.DEVICE_FAILURE,
        `${what} failed to handle ${type} (simulated failure, rate ${this.failureRate})`,
        { device: this.id, type },
      );
    }
    this.#state = this.apply(this.#state, type, data);
  }

  /** Why `data` is wrong for a supported `type`, or `undefined`. */
  protected abstract dataProblem(type: MessageType, data: unknown): string | undefined;

  /** The state after handling a (valid) message. */
  protected abstract apply(state: State, type: MessageType, data: unknown): State;

  #delay(): number {
    if (this.jitterMs === 0) return this.latencyMs;
    return Math.max(0, this.latencyMs + (2 * this.#random() - 1) * this.jitterMs);
  }
}
