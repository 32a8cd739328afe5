import type { Clock } from "./_clock.ts";
import { reasonText } from "./_errors.ts";
import type { MessageType } from "./_message.ts";

/** What a recorded step did: a message type, or `"CONNECT"` for a device registration. */
export type StepKind = MessageType | "CONNECT";

/** One recorded step: which device did what, when, and how it ended. */
export interface StepRecord {
  /** Order in which the step started (0, 1, 2, ...). */
  readonly index: number;
  /** Device id. */
  readonly device: string;
  /** Message type, or `"CONNECT"`. */
  readonly type: StepKind;
  /** The message's data, if any. */
  readonly data?: unknown;
  /** Start, in ms since the timeline's origin. */
  readonly startMs: number;
  /** End, in ms since the origin; `undefined` while the step runs. */
  readonly endMs: number | undefined;
  /** `true` succeeded, `false` failed, `undefined` still running. */
  readonly ok: boolean | undefined;
  /** Why the step failed (the error's message). */
  readonly error?: string;
}

/** Sent to timeline listeners when a step starts and when it ends. */
export interface TimelineEvent {
  /** `"start"` or `"end"`. */
  readonly kind: "start" | "end";
  /** The step as it is at that moment. */
  readonly step: StepRecord;
}

/** Called synchronously for every {@link TimelineEvent}; must not throw. */
export type TimelineListener = (event: TimelineEvent) => void;

/** Ends a step begun with {@link Timeline.begin}: pass the error if it failed. */
export type EndStep = (error?: unknown) => void;

/**
 * Records every step (device, message, start, end, outcome) with times from a {@link Clock},
 * relative to an origin (the moment the timeline was created, or last reset).
 */
export class Timeline {
  readonly #clock: Clock;
  #origin: number;
  #steps: StepRecord[] = [];
  readonly #listeners = new Set<TimelineListener>();

  /** A timeline whose origin is `clock.now()`. */
  constructor(clock: Clock) {
    this.#clock = clock;
    this.#origin = clock.now();
  }

  /** Milliseconds since the origin. */
  elapsedMs(): number {
    return this.#clock.now() - this.#origin;
  }

  /** Every step recorded so far, in start order (running steps have no `endMs`). */
  get steps(): readonly StepRecord[] {
    return [...this.#steps];
  }

  /** Forgets every step and moves the origin to now. */
  reset(): void {
    this.#steps = [];
    this.#origin = this.#clock.now();
  }

  /** Calls `listener` for every step start and end; returns a function that unsubscribes. */
  subscribe(listener: TimelineListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Records the start of a step and returns the function that records its end. */
  begin(device: string, type: StepKind, data?: unknown): EndStep {
    const index = this.#steps.length;
    const started: StepRecord = {
      index,
      device,
      type,
      ...(data === undefined ? {} : { data }),
      startMs: this.elapsedMs(),
      endMs: undefined,
      ok: undefined,
    };
    const steps = this.#steps;
    steps.push(started);
    this.#emit({ kind: "start", step: started });
    let ended = false;
    return (error?: unknown) => {
      if (ended) return;
      ended = true;
      const step: StepRecord = {
        ...started,
        endMs: this.elapsedMs(),
        ok: error === undefined,
        ...(error === undefined ? {} : { error: reasonText(error) }),
      };
      // After a reset the step belongs to the old list: do not touch the new one.
      if (steps === this.#steps) steps[index] = step;
      this.#emit({ kind: "end", step });
    };
  }

  #emit(event: TimelineEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
