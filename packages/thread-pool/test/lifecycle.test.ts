import { describe, expect, it } from "vitest";
import { PoolClosedError, QueueFullError, ThreadPool } from "../src/index.ts";
import { release, shared, tasksUrl, until } from "./helpers.ts";

describe("lifecycle", () => {
  it("close() while busy lets every submitted task finish, then refuses new ones", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 2 });
    const work = Array.from({ length: 8 }, (_, i) => pool.run("busy", [5, i]));
    const closing = pool.close();
    const late = await pool.run("add", [1, 2]).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(PoolClosedError);
    expect((late as Error).message).toContain("closed");
    await closing;
    await expect(Promise.all(work)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(pool.stats).toMatchObject({ workers: 0, queued: 0, active: 0, completed: 8 });
    await expect(pool.map("square", [1])).rejects.toThrow(PoolClosedError);
    await pool.close(); // idempotent
  });

  it("terminate() rejects running and queued tasks with PoolClosedError", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1 });
    const gate = shared();
    const running = pool.run("hold", [gate.sab, 1]).catch((e: unknown) => e);
    await until(gate.view, 0);
    const queued = Array.from({ length: 3 }, () =>
      pool.run("add", [1, 1]).catch((e: unknown) => e),
    );
    await pool.terminate();
    const errors = [await running, ...(await Promise.all(queued))];
    expect(errors.every((e) => e instanceof PoolClosedError)).toBe(true);
    expect(pool.stats).toMatchObject({ workers: 0, queued: 0, active: 0, failed: 4 });
    await expect(pool.run("add", [1, 1])).rejects.toThrow("terminated");
  });

  it("waitForCompletion() resolves once every task submitted so far has settled", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 2 });
    const settled: number[] = [];
    for (let i = 0; i < 6; i++) {
      pool.run("delayedDouble", [i, 2]).then(() => settled.push(i));
    }
    pool.run("failWithRange", ["x"]).catch(() => settled.push(-1));
    await pool.waitForCompletion();
    await Promise.resolve(); // let the .then callbacks above run
    expect(settled.sort((a, b) => a - b)).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    await expect(pool.waitForCompletion()).resolves.toBeUndefined();
    await pool.close();
  });

  it("maxQueue rejects beyond the limit with QueueFullError", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1, maxQueue: 2, pipeline: 1 });
    const gate = shared();
    const running = pool.run("hold", [gate.sab, "r"]);
    await until(gate.view, 0);
    const waiting = [pool.run("add", [1, 1]), pool.run("add", [2, 2])];
    const error = await pool.run("add", [3, 3]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueFullError);
    expect(error).toMatchObject({ code: "ERR_QUEUE_FULL" });
    expect((error as Error).message).toContain("maxQueue 2");
    await expect(pool.map("square", [1, 2, 3], { chunkSize: 1 })).rejects.toThrow(QueueFullError);
    release(gate.view);
    await expect(Promise.all([running, ...waiting])).resolves.toEqual(["r", 2, 4]);
    await expect(pool.run("add", [3, 3])).resolves.toBe(6);
    await pool.close();
  });
});
