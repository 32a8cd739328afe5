import { afterAll, describe, expect, it } from "vitest";
import { ThreadPool } from "../src/index.ts";
import { tasksUrl } from "./helpers.ts";

describe("memory shared or moved between threads", () => {
  const pool = new ThreadPool(tasksUrl, { size: 2 });
  afterAll(() => pool.close());

  it("writes by workers into a SharedArrayBuffer are visible to the caller", async () => {
    const sab = new SharedArrayBuffer(1000 * Int32Array.BYTES_PER_ELEMENT);
    const counts = await Promise.all(
      [0, 250, 500, 750].map((start) => pool.run<number>("fillShared", [sab, start, 250, 7])),
    );
    expect(counts).toEqual([250, 250, 250, 250]);
    const view = new Int32Array(sab);
    expect(Array.from(view).every((v, i) => v === 7 + i)).toBe(true);
  });

  it("a transferred ArrayBuffer moves: the worker sees it, the caller's copy is detached", async () => {
    const data = new Float64Array([1.5, 2.5, 3, 4]);
    const buffer = data.buffer;
    const result = await pool.run("sumBuffer", [buffer], { transfer: [buffer] });
    expect(result).toEqual({ sum: 11, bytes: 32 });
    expect(buffer.byteLength).toBe(0);
  });

  it("without a transfer list the buffer is copied and stays usable", async () => {
    const data = new Float64Array([1, 2, 3]);
    await expect(pool.run("sumBuffer", [data.buffer])).resolves.toEqual({ sum: 6, bytes: 24 });
    expect(data.buffer.byteLength).toBe(24);
  });
});
