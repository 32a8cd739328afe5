import { DeviceSimError, ErrorCode } from "./_errors.ts";
import { callStep, childSignal, type Step, type StepContext } from "./_task.ts";

/** Timeout and retry rules applied to each step of a group. */
export interface StepPolicy {
  /** Each attempt of a step fails with a `TIMEOUT` error after this many ms (its signal is aborted). */
  readonly timeoutMs?: number;
  /** How many times a failed step is tried again. Default 0. Invalid-input errors are never retried. */
  readonly retries?: number;
  /** Wait before the first retry, in ms. Default 100. */
  readonly backoffMs?: number;
  /** Each further retry waits this many times longer. Default 2. */
  readonly backoffFactor?: number;
}

const permanent: ReadonlySet<string> = new Set([
  ErrorCode.UNKNOWN_DEVICE,
  ErrorCode.UNREGISTERED_DEVICE,
  ErrorCode.DUPLICATE_DEVICE,
  ErrorCode.UNSUPPORTED_MESSAGE,
  ErrorCode.INVALID_DATA,
  ErrorCode.INVALID_PROGRAM,
  ErrorCode.INVALID_OPTION,
]);

function check(name: string, value: number | undefined, integer = false): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    const what = integer ? "an integer >= 0" : "a finite number >= 0";
    throw new DeviceSimError(ErrorCode.INVALID_OPTION, `${name} must be ${what}, got ${value}`);
  }
}

/** Throws `INVALID_OPTION` when a policy field is out of range. */
export function checkPolicy(policy: StepPolicy): void {
  check("timeoutMs", policy.timeoutMs);
  check("retries", policy.retries, true);
  check("backoffMs", policy.backoffMs);
  check("backoffFactor", policy.backoffFactor);
}

async function attempt<T>(step: Step<T>, context: StepContext, timeoutMs?: number): Promise<T> {
  if (timeoutMs === undefined) return await callStep(step, context);
  const child = childSignal(context.signal);
  const timer = new AbortController();
  const running = callStep(step, { signal: child.signal, clock: context.clock });
  const timeout = context.clock.sleep(timeoutMs, timer.signal).then(() => {
    const error = new DeviceSimError(ErrorCode.TIMEOUT, `timed out after ${timeoutMs} ms`, {
      device: step.info?.device,
      type: step.info?.type,
    });
    child.abort(error);
    throw error;
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    child.dispose();
    timer.abort(); // cancels the timeout's sleep: no timer outlives the step
  }
}

/** Runs one step under a policy: per-attempt timeout, then retries with exponential backoff. */
export async function runWithPolicy<T>(
  step: Step<T>,
  context: StepContext,
  policy: StepPolicy,
): Promise<T> {
  const retries = policy.retries ?? 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt(step, context, policy.timeoutMs);
    } catch (error) {
      const isPermanent = error instanceof DeviceSimError && permanent.has(error.code);
      if (context.signal.aborted || n >= retries || isPermanent) throw error;
      const wait = (policy.backoffMs ?? 100) * (policy.backoffFactor ?? 2) ** n;
      await context.clock.sleep(wait, context.signal);
    }
  }
}
