import { describe, expect, it } from "vitest";
import { ThreadPool } from "../src/index.ts";
import { ALWAYS_SHORT, release, shared, tasksUrl, until, warmUp } from "./helpers.ts";

describe("pipelining", () => {
  it("a worker whose tasks are short holds up to `pipeline` tasks; the rest wait in the pool", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1, pipeline: 3, ...ALWAYS_SHORT });
    await warmUp(pool);
    const results = Array.from({ length: 5 }, (_, i) => pool.run("add", [i, i]));
    expect(pool.stats).toMatchObject({ active: 3, queued: 2 });
    await expect(Promise.all(results)).resolves.toEqual([0, 2, 4, 6, 8]);
    await pool.close();
  });

  it("a worker whose tasks are long holds one more only while the queue is long", async () => {
    // pipelineBelowMs 0: every task counts as long, however fast this machine runs it.
    const pool = new ThreadPool(tasksUrl, { size: 2, pipeline: 3, pipelineBelowMs: 0 });
    await warmUp(pool, 2);
    const many = Array.from({ length: 6 }, (_, i) => pool.run("add", [i, 1]));
    // Six waiting >= two workers: each worker takes one to run and one to queue, not three.
    expect(pool.stats).toMatchObject({ active: 4, queued: 2 });
    await expect(Promise.all(many)).resolves.toEqual([1, 2, 3, 4, 5, 6]);
    const few = Array.from({ length: 3 }, (_, i) => pool.run("add", [i, 1]));
    // Two start at once; the third would wait inside a worker only if >= 2 were waiting.
    expect(pool.stats).toMatchObject({ active: 2, queued: 1 });
    await expect(Promise.all(few)).resolves.toEqual([1, 2, 3]);
    await pool.close();
  });

  it("tasks with a signal or a transfer list are never queued inside a busy worker", async () => {
    const pool = new ThreadPool(tasksUrl, { size: 1, pipeline: 4, ...ALWAYS_SHORT });
    await warmUp(pool); // so only the signal/transfer rule keeps them out of the worker
    const gate = shared();
    const held = pool.run("hold", [gate.sab, "h"]);
    await until(gate.view, 0);
    const buffer = new ArrayBuffer(8);
    const moved = pool.run("sumBuffer", [buffer], { transfer: [buffer] });
    const abortable = pool.run("add", [2, 2], { signal: new AbortController().signal });
    expect(pool.stats).toMatchObject({ active: 1, queued: 2 });
    expect(buffer.byteLength).toBe(8); // not transferred yet: still ours
    release(gate.view);
    await expect(Promise.all([held, moved, abortable])).resolves.toEqual([
      "h",
      { sum: 0, bytes: 8 },
      4,
    ]);
    await pool.close();
  });
});
