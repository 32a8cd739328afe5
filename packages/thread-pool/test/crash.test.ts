import { describe, expect, it } from "vitest";
import { ThreadPool, WorkerCrashedError } from "../src/index.ts";
import { ALWAYS_SHORT, tasksUrl, warmUp } from "./helpers.ts";

describe("a worker that dies", () => {
  it("from an uncaught exception in a timer rejects only its task with WorkerCrashedError", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 2 });
    const error = await pool.run("crashInTimer").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error).toMatchObject({ code: "ERR_WORKER_CRASHED" });
    expect((error as Error).message).toContain('"crashInTimer"');
    expect((error as Error).message).toContain("boom from a timer");
    // The pool keeps serving with a replacement worker.
    await expect(pool.run("add", [1, 2])).resolves.toBe(3);
    await pool.close();
  });

  it("does not fail the tasks queued behind it in the same worker", async () => {
    // One worker, deep pipeline: the adds wait inside the worker that is about to crash.
    const pool = new ThreadPool(tasksUrl, { size: 1, pipeline: 8, ...ALWAYS_SHORT });
    await warmUp(pool); // the worker has answered once: it pipelines
    const crash = pool.run("crashInTimer").catch((e: unknown) => e);
    const others = Array.from({ length: 5 }, (_, i) => pool.run<number>("add", [i, 100]));
    expect(pool.stats).toMatchObject({ active: 6, queued: 0 });
    expect(await crash).toBeInstanceOf(WorkerCrashedError);
    await expect(Promise.all(others)).resolves.toEqual([100, 101, 102, 103, 104]);
    expect(pool.stats).toMatchObject({ failed: 1, completed: 6 });
    await pool.close();
  });

  it("does not disturb tasks running on other workers", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 2 });
    const slow = pool.run("delayedDouble", [8, 50]);
    const crash = pool.run("crashInTimer").catch((e: unknown) => e);
    expect(await crash).toBeInstanceOf(WorkerCrashedError);
    await expect(slow).resolves.toBe(16);
    await pool.close();
  });

  it("repeatedly still leaves a working pool", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 2 });
    const crashes = await Promise.all(
      Array.from({ length: 4 }, () => pool.run("crashInTimer").catch((e: unknown) => e)),
    );
    expect(crashes.every((e) => e instanceof WorkerCrashedError)).toBe(true);
    await expect(pool.map("square", [1, 2, 3, 4], { chunkSize: 1 })).resolves.toEqual([
      1, 4, 9, 16,
    ]);
    expect(pool.stats.workers).toBeLessThanOrEqual(2);
    await pool.close();
  });
});
