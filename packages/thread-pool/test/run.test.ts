import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorCode, MAX_POOL_SIZE, ThreadPool, ThreadPoolError } from "../src/index.ts";
import { tasksUrl } from "./helpers.ts";

describe("run and map", () => {
  const pool = new ThreadPool(tasksUrl, { size: 2, name: "run-suite" });
  afterAll(() => pool.close());

  const runCases: [string, unknown[], unknown][] = [
    ["add", [1, 2], 3],
    ["square", [-7], 49],
    ["delayedDouble", [21, 1], 42],
    [
      "echo",
      [{ a: [1, "x", null], b: new Map([[1, 2]]) }],
      { a: [1, "x", null], b: new Map([[1, 2]]) },
    ],
  ];
  it.each(runCases)("run(%s) returns the task's (awaited) result", async (task, args, expected) => {
    await expect(pool.run(task, args)).resolves.toEqual(expected);
  });

  it("map returns 10,000 results in submission order", async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const out = await pool.map<number, number>("square", items);
    expect(out).toHaveLength(10_000);
    expect(out.every((v, i) => v === i * i)).toBe(true);
  });

  it("map with async tasks keeps order", async () => {
    const items = [5, 4, 3, 2, 1, 0];
    await expect(pool.map("delayedDouble", items, { chunkSize: 4 })).resolves.toEqual([
      10, 8, 6, 4, 2, 0,
    ]);
  });

  it("map equals Array.prototype.map for any items and chunk size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 64 }),
        async (items, chunkSize) => {
          const out = await pool.map("square", items, { chunkSize });
          expect(out).toEqual(items.map((x) => x * x));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("map of no items resolves to an empty array", async () => {
    await expect(pool.map("square", [])).resolves.toEqual([]);
  });

  it("many concurrent runs all resolve correctly", async () => {
    const out = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => pool.run<number>("add", [i, 1])),
    );
    expect(out.every((v, i) => v === i + 1)).toBe(true);
  });

  it("stats count completed and failed tasks", async () => {
    const before = pool.stats;
    await pool.run("add", [1, 1]);
    await pool.run("failWithRange", ["x"]).catch(() => {});
    const after = pool.stats;
    expect(after.completed - before.completed).toBe(1);
    expect(after.failed - before.failed).toBe(1);
    expect(after).toMatchObject({ size: 2, queued: 0, active: 0 });
  });

  it("an unknown task name rejects with ERR_UNKNOWN_TASK naming the exports", async () => {
    const error = await pool.run("nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadPoolError);
    expect(error).toMatchObject({ code: ErrorCode.UnknownTask });
    expect((error as Error).message).toContain('"nope"');
    expect((error as Error).message).toContain("add");
  });

  it("a non-function export is not a task", async () => {
    await expect(pool.run("notAFunction")).rejects.toMatchObject({ code: ErrorCode.UnknownTask });
  });

  it("arguments that cannot be cloned reject with ERR_DATA_CLONE, and the pool goes on", async () => {
    await expect(pool.run("echo", [() => 1])).rejects.toMatchObject({ code: ErrorCode.DataClone });
    await expect(pool.run("add", [2, 2])).resolves.toBe(4);
  });

  it("a result that cannot be cloned rejects with ERR_DATA_CLONE", async () => {
    await expect(pool.run("returnFunction")).rejects.toMatchObject({ code: ErrorCode.DataClone });
  });

  const badCalls: [string, () => Promise<unknown>][] = [
    ["an empty task name", () => pool.run("")],
    ["args that are not an array", () => pool.run("add", 1 as never)],
    ["a signal that is not an AbortSignal", () => pool.run("add", [], { signal: {} as never })],
    ["items that are not an array", () => pool.map("square", "abc" as never)],
    ["a chunkSize of 0", () => pool.map("square", [1], { chunkSize: 0 })],
    ["a fractional chunkSize", () => pool.map("square", [1], { chunkSize: 1.5 })],
  ];
  it.each(badCalls)("rejects %s with ERR_INVALID_ARGUMENT", async (_what, call) => {
    await expect(call()).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });
});

describe("construction", () => {
  const badPools: [string, () => unknown, string][] = [
    ["a relative path", () => new ThreadPool("./tasks.js"), "relative"],
    ["a number", () => new ThreadPool(3 as never), "taskModule"],
    ["size 0", () => new ThreadPool(tasksUrl, { size: 0 }), "options.size"],
    [
      "size 1e6",
      () => new ThreadPool(tasksUrl, { size: 1e6 }),
      "options.size must be at most 256 workers (MAX_POOL_SIZE), got 1000000",
    ],
    ["size 257", () => new ThreadPool(tasksUrl, { size: MAX_POOL_SIZE + 1 }), "at most 256"],
    ["a negative maxQueue", () => new ThreadPool(tasksUrl, { maxQueue: -1 }), "options.maxQueue"],
    ["pipeline 0", () => new ThreadPool(tasksUrl, { pipeline: 0 }), "options.pipeline"],
    [
      "a negative pipelineBelowMs",
      () => new ThreadPool(tasksUrl, { pipelineBelowMs: -1 }),
      "options.pipelineBelowMs",
    ],
    [
      "a NaN pipelineBelowMs",
      () => new ThreadPool(tasksUrl, { pipelineBelowMs: Number.NaN }),
      "options.pipelineBelowMs",
    ],
  ];
  it.each(badPools)("refuses %s with a message naming it", (_what, make, fragment) => {
    expect(make).toThrow(fragment);
  });

  it("accepts the largest size, MAX_POOL_SIZE (workers start lazily)", async () => {
    const pool = new ThreadPool(tasksUrl, { size: MAX_POOL_SIZE });
    expect(pool.size).toBe(256);
    await pool.close();
  });

  it("defaults size to the available parallelism and accepts absolute paths", async () => {
    const path = decodeURIComponent(tasksUrl.pathname);
    const pool = new ThreadPool(path);
    expect(pool.size).toBeGreaterThanOrEqual(1);
    expect(pool.moduleUrl).toBe(tasksUrl.href);
    await expect(pool.run("add", [2, 3])).resolves.toBe(5);
    await pool.close();
  });

  it("a task module that cannot be loaded rejects every task with ERR_TASK_MODULE_LOAD", async () => {
    const pool = new ThreadPool(new URL("./fixtures/missing.js", tasksUrl), { size: 1 });
    const error = await pool.run("add", [1, 2]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.ModuleLoad });
    expect((error as Error).message).toContain("missing.js");
    await pool.close();
  });
});
