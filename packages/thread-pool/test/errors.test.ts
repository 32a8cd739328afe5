import { afterAll, describe, expect, it } from "vitest";
import { ThreadPool } from "../src/index.ts";
import { tasksUrl } from "./helpers.ts";

describe("errors thrown by tasks", () => {
  const pool = new ThreadPool(tasksUrl, { size: 1 });
  afterAll(() => pool.close());

  it("keep their class, name, message, own properties and the worker's stack", async () => {
    const error = (await pool
      .run("failWithRange", ["out of range: 7"])
      .catch((e: unknown) => e)) as RangeError & {
      code: string;
    };
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe("RangeError");
    expect(error.message).toBe("out of range: 7");
    expect(error.code).toBe("E_FIXTURE");
    // The stack is the worker's: it names the throwing task and its module.
    expect(error.stack).toContain("failWithRange");
    expect(error.stack).toContain("tasks.ts");
  });

  it("a rejected promise from an async task rejects the run the same way", async () => {
    const error = (await pool
      .run("rejectLater", ["async failure"])
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("async failure");
    expect(error.stack).toContain("rejectLater");
  });

  it("a thrown non-Error value is passed through as the value", async () => {
    await expect(pool.run("throwString", ["plain string"]).catch((e: unknown) => e)).resolves.toBe(
      "plain string",
    );
  });

  it("a failed map chunk rejects the whole map with the task's error", async () => {
    const error = (await pool
      .map("failWithRange", ["a", "b", "c"], { chunkSize: 1 })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RangeError);
    expect(["a", "b", "c"]).toContain(error.message);
    await pool.waitForCompletion();
    expect(pool.stats).toMatchObject({ queued: 0, active: 0 });
  });

  it("the worker survives a throwing task", async () => {
    await pool.run("failWithRange", ["x"]).catch(() => {});
    await expect(pool.run("add", [20, 22])).resolves.toBe(42);
  });
});
