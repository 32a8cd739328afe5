import { onAbort } from "./_abort.ts";
import { type Clock, realClock } from "./_clock.ts";

/** What a running step is given: the signal to honour and the clock to wait on. */
export interface StepContext {
  /** Aborted when the step must stop (abort, timeout, or a cancelled group). */
  readonly signal: AbortSignal;
  /** The clock timeouts and backoff use; pass it on to whatever waits. */
  readonly clock: Clock;
}

/** Describes a step for failure reports: the device and message it sends. */
export interface StepInfo {
  /** Device id. */
  readonly device?: string;
  /** Message type (or `"CONNECT"`). */
  readonly type?: string;
}

/**
 * A unit of work that does not start until it is called: a thunk returning a value or a
 * promise. It may take the {@link StepContext} and should honour its `signal`. A step may carry
 * an `info` property so that failures name its device and message (`IoTService.step` does).
 */
export type Step<T = unknown> = ((context: StepContext) => T | PromiseLike<T>) & {
  readonly info?: StepInfo;
};

/** How a top-level {@link Task} runs when it is awaited or `run()`. */
export interface TaskRunOptions {
  /** Aborting stops the task: running steps are cancelled, later ones never start. */
  readonly signal?: AbortSignal;
  /** Clock for timeouts and backoff. Default {@link realClock}. */
  readonly clock?: Clock;
}

/** @deprecated Use {@link TaskRunOptions} (the name says whose options these are). */
export type RunOptions = TaskRunOptions;

const TASK = Symbol("dmx.device-sim.task");

/**
 * A lazy group of steps (what `runSequence` and `runParallel` return). It does not start when
 * created: it starts when awaited (or `run()`), or when an enclosing group calls it as a step.
 * Awaiting it again gives the same result; `run()` starts a fresh run each time.
 */
export interface Task<T> extends PromiseLike<T> {
  /**
   * Runs as a step of an enclosing group, with that group's context; without a context it is
   * `run()` (so `expect(task).rejects` and other callers of plain thunks work).
   */
  (context?: StepContext): Promise<T>;
  /** Starts a fresh run with its own signal and clock. */
  run(options?: TaskRunOptions): Promise<T>;
  /** Marks tasks so groups call them with their context. */
  readonly [TASK]: true;
}

/** True when `value` is a {@link Task} (so a group passes it its context). */
export function isTask(value: unknown): value is Task<unknown> {
  return typeof value === "function" && (value as Partial<Task<unknown>>)[TASK] === true;
}

/** Wraps a context-taking function as a lazy, awaitable {@link Task}. */
export function makeTask<T>(execute: (context: StepContext) => Promise<T>): Task<T> {
  let first: Promise<T> | undefined;
  const run = (options: TaskRunOptions = {}) =>
    execute({
      signal: options.signal ?? new AbortController().signal,
      clock: options.clock ?? realClock,
    });
  const thenable = {
    run,
    [TASK]: true as const,
    // biome-ignore lint/suspicious/noThenProperty: a Task is deliberately awaitable and lazy.
    then<A = T, B = never>(
      onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
      onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
    ): Promise<A | B> {
      first ??= run();
      return first.then(onFulfilled, onRejected);
    },
  };
  const call = (context?: StepContext) => (context ? execute(context) : run());
  return Object.assign(call, thenable) as Task<T>;
}

/** Calls a step with a context; a step that returns a {@link Task} runs it in that context. */
export async function callStep<T>(step: Step<T>, context: StepContext): Promise<T> {
  const out = step(context);
  if (isTask(out)) return (await out(context)) as T;
  return await out;
}

/**
 * A signal that aborts when `parent` does (with the same reason), plus `abort` to abort it
 * alone and `dispose` to stop listening to the parent.
 */
export function childSignal(parent: AbortSignal): {
  signal: AbortSignal;
  abort: (reason: unknown) => void;
  dispose: () => void;
} {
  const controller = new AbortController();
  let dispose = () => {};
  if (parent.aborted) controller.abort(parent.reason);
  else dispose = onAbort(parent, () => controller.abort(parent.reason));
  return { signal: controller.signal, abort: (reason) => controller.abort(reason), dispose };
}

/** Rejects with `signal.reason` as soon as `signal` aborts, else settles like `promise`. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => {
      promise.catch(() => {});
      reject(signal.reason);
    });
    promise.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
