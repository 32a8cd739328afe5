import { describe, expect, it } from "vitest";
import { ThreadPool, WorkerCrashedError } from "../src/index.ts";

const nodeTasks = new URL("./fixtures/node-tasks.ts", import.meta.url);

describe("a worker thread that dies (Node)", () => {
  it("through process.exit() rejects only its task, with the exit code", async () => {
    const pool = new ThreadPool(nodeTasks, { size: 2 });
    const bystander = pool.run("add", [1, 1]);
    const error = (await pool
      .run("exitWorker", [7])
      .catch((e: unknown) => e)) as WorkerCrashedError;
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error.exitCode).toBe(7);
    expect(error.message).toContain("exit code 7");
    await expect(bystander).resolves.toBe(2);
    await expect(pool.run("add", [2, 2])).resolves.toBe(4);
    await pool.close();
  });

  it("out of memory (resourceLimits) rejects only its task and the pool keeps serving", async () => {
    const pool = new ThreadPool(nodeTasks, {
      size: 1,
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    const error = (await pool.run("exhaustMemory").catch((e: unknown) => e)) as WorkerCrashedError;
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error.cause).toMatchObject({ code: "ERR_WORKER_OUT_OF_MEMORY" });
    expect(error.message).toContain("memory");
    await expect(pool.run("add", [3, 4])).resolves.toBe(7);
    await pool.close();
  });

  it("uses worker_threads on Node", () => {
    expect(new ThreadPool(nodeTasks, { size: 1 }).backend).toBe("worker_threads");
  });
});
