import { onAbort } from "./_abort.ts";
import type { Clock } from "./_clock.ts";
import { DeviceSimError, ErrorCode, type StepFailure, stepsFailed } from "./_errors.ts";
import { checkPolicy, runWithPolicy, type StepPolicy } from "./_policy.ts";
import {
  childSignal,
  makeTask,
  raceAbort,
  type Step,
  type StepContext,
  type Task,
} from "./_task.ts";

/** Options of {@link runSequence} and {@link runParallel} (pass them as the last argument). */
export interface GroupOptions extends StepPolicy {
  /** Aborting stops the group: running steps are cancelled, later ones never start. */
  readonly signal?: AbortSignal;
  /** Clock for timeouts and backoff. Default: the enclosing group's, else the real clock. */
  readonly clock?: Clock;
  /**
   * `runParallel` only: abort the other steps as soon as one fails. Default `false`: siblings
   * run to the end and every failure is reported.
   */
  readonly cancelOnFailure?: boolean;
}

/** The resolved value of a step. */
export type StepResult<S> = S extends Step<infer T> ? Awaited<T> : never;

/** The results of a list of steps, in order. */
export type StepResults<S extends readonly Step[]> = { -readonly [K in keyof S]: StepResult<S[K]> };

/** Why a sibling was cancelled by `cancelOnFailure`; such steps are not reported as failures. */
class SiblingFailed extends Error {
  override readonly name = "SiblingFailed";
}

const optionKeys = new Set([
  "signal",
  "clock",
  "timeoutMs",
  "retries",
  "backoffMs",
  "backoffFactor",
  "cancelOnFailure",
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function split(args: readonly unknown[], group: string): [Step[], GroupOptions] {
  const last = args.at(-1);
  const hasOptions = isPlainObject(last);
  const steps = (hasOptions ? args.slice(0, -1) : args) as Step[];
  steps.forEach((step, i) => {
    if (typeof step !== "function") {
      const value: unknown = step;
      const what = value === null ? "null" : value instanceof Promise ? "a promise" : typeof value;
      throw new TypeError(
        `${group}: step ${i} must be a function (a thunk, or a nested runSequence/runParallel), got ${what}; wrap a promise as () => promise so it starts in its turn`,
      );
    }
  });
  const options = hasOptions ? (last as GroupOptions) : {};
  for (const key of Object.keys(options)) {
    if (!optionKeys.has(key)) {
      throw new DeviceSimError(
        ErrorCode.INVALID_OPTION,
        `${group}: unknown option "${key}" (known: ${[...optionKeys].join(", ")})`,
      );
    }
  }
  checkPolicy(options);
  return [steps, options];
}

/** The failures of one child: a nested group's (with their paths prefixed), or its own. */
function failuresOf(error: unknown, path: string, step: Step): StepFailure[] {
  if (error instanceof DeviceSimError && error.code === ErrorCode.STEPS_FAILED) {
    return error.failures.map((f) => ({ ...f, path: `${path}.${f.path}` }));
  }
  const device = error instanceof DeviceSimError ? error.device : undefined;
  const type = error instanceof DeviceSimError ? error.type : undefined;
  return [
    {
      device: device ?? step.info?.device,
      type: type ?? step.info?.type,
      path,
      reason: error,
    },
  ];
}

/** The context a group runs in: the caller's, plus the group's own signal and clock. */
function inContext(options: GroupOptions, context: StepContext) {
  const clock = options.clock ?? context.clock;
  const own = options.signal;
  if (!own) return { ctx: { signal: context.signal, clock }, dispose() {} };
  // Abort when either the caller's signal or the group's own signal aborts.
  const both = childSignal(context.signal);
  let stop = () => {};
  if (own.aborted) both.abort(own.reason);
  else stop = onAbort(own, () => both.abort(own.reason));
  return {
    ctx: { signal: both.signal, clock },
    dispose() {
      stop();
      both.dispose();
    },
  };
}

/**
 * Runs steps one after another: each starts when the previous one has succeeded. Resolves to
 * their results; on the first failure the rest never start and it rejects with a
 * `STEPS_FAILED` {@link DeviceSimError} (nested failures included). Aborting rejects with the
 * signal's reason. Returns a lazy {@link Task}, not a Promise: nothing starts until it is
 * awaited, `run()` is called, or an enclosing group runs it; `task.run()` returns a Promise.
 *
 * @example
 * await runSequence(() => flush(), () => clean(), { timeoutMs: 2000, retries: 2 });
 */
export function runSequence<const S extends readonly Step[]>(...steps: S): Task<StepResults<S>>;
export function runSequence<const S extends readonly Step[]>(
  ...args: [...S, GroupOptions]
): Task<StepResults<S>>;
export function runSequence(...args: unknown[]): Task<unknown[]> {
  const [steps, options] = split(args, "runSequence");
  return sequenceTask(steps, options);
}

/** {@link runSequence} over checked steps in an array (any number: no argument spread). @internal */
export function sequenceTask(steps: readonly Step[], options: GroupOptions): Task<unknown[]> {
  return makeTask(async (context) => {
    const { ctx, dispose } = inContext(options, context);
    try {
      const results: unknown[] = [];
      for (const [i, step] of steps.entries()) {
        ctx.signal.throwIfAborted();
        try {
          results.push(await raceAbort(runWithPolicy(step, ctx, options), ctx.signal));
        } catch (error) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          throw stepsFailed(failuresOf(error, `sequence[${i}]`, step));
        }
      }
      return results;
    } finally {
      dispose();
    }
  });
}

/**
 * Starts every step at once and waits for all of them. Resolves to their results in order.
 * A failing step does not cancel its siblings (unless `cancelOnFailure`): once all have
 * settled it rejects with one `STEPS_FAILED` {@link DeviceSimError} listing every failure
 * (device, message, reason). Aborting rejects with the signal's reason at once.
 *
 * Returns a lazy {@link Task}, not a Promise: nothing starts until it is awaited, `run()` is
 * called, or an enclosing group runs it. `task.run()` starts it now and returns a Promise.
 *
 * @example
 * await runParallel(() => lightOff(), () => speakerOff(), runSequence(flush, clean));
 */
export function runParallel<const S extends readonly Step[]>(...steps: S): Task<StepResults<S>>;
export function runParallel<const S extends readonly Step[]>(
  ...args: [...S, GroupOptions]
): Task<StepResults<S>>;
export function runParallel(...args: unknown[]): Task<unknown[]> {
  const [steps, options] = split(args, "runParallel");
  return parallelTask(steps, options);
}

/** {@link runParallel} over checked steps in an array (any number: no argument spread). @internal */
export function parallelTask(steps: readonly Step[], options: GroupOptions): Task<unknown[]> {
  return makeTask(async (context) => {
    const { ctx, dispose } = inContext(options, context);
    const group = options.cancelOnFailure ? childSignal(ctx.signal) : undefined;
    const stepCtx: StepContext = group ? { ...ctx, signal: group.signal } : ctx;
    try {
      ctx.signal.throwIfAborted();
      const all = Promise.allSettled(
        steps.map((step) =>
          runWithPolicy(step, stepCtx, options).catch((error: unknown) => {
            if (group && !stepCtx.signal.aborted) {
              group.abort(new SiblingFailed("cancelled: a sibling step failed"));
            }
            throw error;
          }),
        ),
      );
      const settled = await raceAbort(all, ctx.signal);
      const failures = settled.flatMap((outcome, i) =>
        outcome.status === "rejected" && !(outcome.reason instanceof SiblingFailed)
          ? failuresOf(outcome.reason, `parallel[${i}]`, steps[i]!)
          : [],
      );
      if (failures.length > 0) throw stepsFailed(failures);
      return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
    } finally {
      group?.dispose();
      dispose();
    }
  });
}
