import { describe, expect, it } from "vitest";
import {
  DeviceSimError,
  ErrorCode,
  isTask,
  runParallel,
  runSequence,
  type Step,
  type StepContext,
  VirtualClock,
} from "../src/index.ts";

/** A step that records when it starts and ends on the clock, then returns `value`. */
function timed<T>(log: string[], name: string, ms: number, value: T, fail = false): Step<T> {
  return async ({ clock, signal }: StepContext) => {
    log.push(`${name} start @${clock.now()}`);
    await clock.sleep(ms, signal);
    log.push(`${name} end @${clock.now()}`);
    if (fail) throw new Error(`${name} broke`);
    return value;
  };
}

describe("runSequence / runParallel", () => {
  it("nothing starts before its turn, and nothing starts before the group is awaited", async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const task = runSequence(
      timed(log, "a", 100, 1),
      runParallel(timed(log, "b", 300, 2), timed(log, "c", 200, 3)),
      timed(log, "d", 50, 4),
      { clock },
    );
    expect(log).toEqual([]);
    expect(isTask(task)).toBe(true);
    const results = await task;
    expect(results).toEqual([1, [2, 3], 4]);
    expect(log).toEqual([
      "a start @0",
      "a end @100",
      "b start @100",
      "c start @100",
      "c end @300",
      "b end @400",
      "d start @400",
      "d end @450",
    ]);
  });

  it("awaiting a task twice runs it once; run() runs it again", async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const task = runParallel(() => ++calls);
    expect(await task).toEqual([1]);
    expect(await task).toEqual([1]);
    expect(await task.run({ clock })).toEqual([2]);
    expect(calls).toBe(2);
  });

  it("a step returning a group runs that group in the caller's context", async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    await runSequence(() => runParallel(timed(log, "x", 10, 0)), { clock });
    expect(log).toEqual(["x start @0", "x end @10"]);
  });

  it("a parallel group reports every failure in one error and does not cancel siblings", async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const group = runParallel(
      timed(log, "a", 100, 1, true),
      timed(log, "b", 300, 2),
      runSequence(timed(log, "c", 50, 3), timed(log, "d", 50, 4, true)),
      { clock },
    );
    const error = await group.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeviceSimError);
    const failures = (error as DeviceSimError).failures;
    expect((error as DeviceSimError).code).toBe(ErrorCode.STEPS_FAILED);
    expect(failures.map((f) => [f.path, (f.reason as Error).message])).toEqual([
      ["parallel[0]", "a broke"],
      ["parallel[2].sequence[1]", "d broke"],
    ]);
    expect(log).toContain("b end @300"); // the sibling ran to the end
    expect((error as Error).message).toMatch(
      /^2 steps failed:\n {2}- a broke \(at parallel\[0\]\)/,
    );
  });

  it("a sequence stops at its first failure", async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const run = runSequence(timed(log, "a", 10, 1, true), timed(log, "b", 10, 2), { clock });
    await expect(run).rejects.toThrow(/1 step failed/);
    expect(log).toEqual(["a start @0", "a end @10"]);
  });

  it("cancelOnFailure aborts the siblings and reports only the real failure", async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const run = runParallel(timed(log, "a", 100, 1, true), timed(log, "b", 300, 2), {
      clock,
      cancelOnFailure: true,
    });
    const error = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as DeviceSimError;
    expect(error.failures).toHaveLength(1);
    expect(clock.now()).toBe(100);
    expect(log).not.toContain("b end @300");
    expect(clock.pendingTimers).toBe(0);
  });

  it("a synchronous throw or a non-Error rejection is a failure like any other", async () => {
    const run = runParallel(
      () => {
        throw new Error("sync");
      },
      () => Promise.reject("plain string"),
    );
    const error = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as DeviceSimError;
    expect(
      error.failures.map((f) => (f.reason instanceof Error ? f.reason.message : f.reason)),
    ).toEqual(["sync", "plain string"]);
  });

  it("rejects anything that is not a step, naming its position", () => {
    const promise = Promise.resolve(1);
    expect(() => runSequence(() => 1, promise as unknown as Step)).toThrow(
      /step 1 must be a function/,
    );
    expect(() => runParallel(() => 1, { retries: -1 })).toThrow(/retries must be an integer >= 0/);
    expect(() => runParallel(() => 1, { timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
  });

  it("empty groups resolve to empty results", async () => {
    expect(await runSequence()).toEqual([]);
    expect(await runParallel()).toEqual([]);
  });
});

describe("group options", () => {
  it("rejects unknown option names instead of ignoring them", () => {
    expect(() => runParallel(() => 1, { timeout: 5 } as never)).toThrow(/unknown option "timeout"/);
  });
});

describe("lazy Task vs Promise", () => {
  it("runParallel starts nothing until awaited; run() starts it at once and returns a real Promise", async () => {
    const started: string[] = [];
    const step = (name: string) => () => {
      started.push(name);
      return name;
    };
    const lazy = runParallel(step("a"), step("b"));
    await Promise.resolve();
    expect(started).toEqual([]);
    const running = lazy.run();
    expect(running).toBeInstanceOf(Promise);
    expect(await running).toEqual(["a", "b"]);
    expect(started).toEqual(["a", "b"]);
  });

  it("the old names ErrorCode and RunOptions are the package-specific ones", async () => {
    const sim = await import("../src/index.ts");
    expect(sim.ErrorCode).toBe(sim.DeviceSimErrorCode);
  });
});
