import { describe, expect, it } from "vitest";
import { TaskAbortedError, ThreadPool } from "../src/index.ts";
import { release, shared, tasksUrl, until } from "./helpers.ts";

describe("aborting", () => {
  it("a queued task removes it: it rejects and never runs", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1 });
    const gate = shared();
    const marks = shared();
    const held = pool.run("hold", [gate.sab, "held"]);
    await until(gate.view, 0); // the only worker is busy
    const controller = new AbortController();
    const queued = pool.run("mark", [marks.sab, 0], { signal: controller.signal });
    expect(pool.stats.queued).toBe(1);
    controller.abort(new Error("changed my mind"));
    const error = await queued.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error).toMatchObject({ name: "AbortError", code: "ERR_TASK_ABORTED" });
    expect((error as Error).cause).toEqual(new Error("changed my mind"));
    expect(pool.stats.queued).toBe(0);
    release(gate.view);
    await expect(held).resolves.toBe("held");
    await pool.waitForCompletion();
    expect(Atomics.load(marks.view, 0)).toBe(0);
    await pool.close();
  });

  it("a running task ends its worker, which is replaced", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1 });
    const started = shared();
    const controller = new AbortController();
    const spinning = pool.run("spinForever", [started.sab], { signal: controller.signal });
    await until(started.view, 0);
    expect(pool.stats.active).toBe(1);
    controller.abort();
    await expect(spinning).rejects.toThrow(TaskAbortedError);
    // With size 1 this only resolves if the spinning worker was really replaced.
    await expect(pool.run("add", [2, 3])).resolves.toBe(5);
    await pool.close();
  });

  it("with an already aborted signal rejects without running", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1 });
    const marks = shared();
    const error = await pool
      .run("mark", [marks.sab, 0], { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskAbortedError);
    await pool.run("add", [1, 1]);
    expect(Atomics.load(marks.view, 0)).toBe(0);
    await pool.close();
  });

  it("a map aborts all of its chunks, running or queued", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 2 });
    const gate = shared();
    const controller = new AbortController();
    const mapped = pool.map("hold", [gate.sab, gate.sab, gate.sab, gate.sab, gate.sab], {
      chunkSize: 1,
      signal: controller.signal,
    });
    await until(gate.view, 0);
    controller.abort();
    await expect(mapped).rejects.toThrow(TaskAbortedError);
    await pool.waitForCompletion();
    expect(pool.stats).toMatchObject({ queued: 0, active: 0 });
    await expect(pool.run("add", [1, 2])).resolves.toBe(3);
    await pool.close();
  });

  it("after the task settled changes nothing", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1 });
    const controller = new AbortController();
    await expect(pool.run("add", [1, 2], { signal: controller.signal })).resolves.toBe(3);
    controller.abort();
    await expect(pool.run("add", [3, 4])).resolves.toBe(7);
    expect(pool.stats).toMatchObject({ completed: 2, failed: 0 });
    await pool.close();
  });
});
