// Runs the samples of guide pages 2, 3, 4, 5 and 7 that use the dmx packages.
import { haversine } from "@dmx/geo";
import { describe, expect, it, vi } from "vitest";
import { busyInWorkers } from "../samples/event-loop/busy-in-workers.ts";
import { medianMs, pdistNsPerPair } from "../samples/performance/measure.ts";
import { pipelined, sequential } from "../samples/pipeline/pipeline.ts";
import { combinators, later, withTimeout } from "../samples/promises/basics.ts";
import { smartHome } from "../samples/promises/smart-home.ts";
import { compareExecutors } from "../samples/workers/executors.ts";
import { poolTour } from "../samples/workers/pool.ts";
import { squareEachInItsOwnWorker } from "../samples/workers/worker-per-task.ts";

describe("page 2: workers and pools", () => {
  it("a worker per task squares each number", async () => {
    expect((await squareEachInItsOwnWorker([1, 2, 3, 12])).results).toEqual([1, 4, 9, 144]);
  });

  it("the pool runs add, maps square in order, and splits a sum of squares", async () => {
    // Σ i² for i < N is (N-1)N(2N-1)/6.
    const n = 100_000;
    expect(await poolTour()).toEqual({
      sum: 3,
      squares: [1, 4, 9, 16, 25],
      total: ((n - 1) * n * (2 * n - 1)) / 6,
    });
  });

  it("every executor gives the same three distances (2337.87 km first)", async () => {
    const rows = await compareExecutors();
    expect(rows.map((r) => r.executor)).toEqual([
      "sequential",
      "worker-per-task",
      "thread-pool",
      "workerpool",
    ]);
    for (const row of rows) {
      expect(row.km).toHaveLength(3);
      expect(row.km[0]).toBeCloseTo(2337.87, 2);
      expect(row.km).toEqual(rows[0]!.km);
    }
  });
});

describe("page 3: busy loops in workers", () => {
  it("two workers run four busy loops in at least two rounds", async () => {
    expect(await busyInWorkers(4, 40, 2)).toBeGreaterThanOrEqual(2 * 40 - 2);
  });
});

describe("page 4: promises and the smart home", () => {
  it("later() resolves with its value", async () => {
    expect(await later(1, "x")).toBe("x");
  });

  it("all keeps order, allSettled keeps every outcome, race takes the first, any the first success", async () => {
    expect(await combinators()).toEqual({
      all: ["a", "b"],
      settled: ["ok", "broken"],
      race: "fast",
      any: "yes",
    });
  });

  it("AbortSignal.timeout rejects slow work with a TimeoutError", async () => {
    expect(await withTimeout(1_000, 10)).toBe("AbortError caused by TimeoutError");
    expect(await withTimeout(1, 1_000)).toBe("finished");
  });

  it("wake-up and sleep each take two latencies; the flush ends before the clean starts", async () => {
    const { wakeUpMs, sleepMs, sleepSteps } = await smartHome();
    expect(wakeUpMs).toBe(1000);
    expect(sleepMs).toBe(1000);
    const flush = sleepSteps.find((s) => s.type === "FLUSH")!;
    const clean = sleepSteps.find((s) => s.type === "CLEAN")!;
    expect(clean.startMs).toBeGreaterThanOrEqual(flush.endMs!);
    expect(
      sleepSteps
        .filter((s) => s.startMs === 0)
        .map((s) => s.type)
        .sort(),
    ).toEqual(["FLUSH", "SWITCH_OFF", "SWITCH_OFF"]);
  });
});

describe("page 5: the async pipeline", () => {
  const pairs = Array.from({ length: 8 }, (_, i) => [
    { latitude: i, longitude: 0 },
    { latitude: 0, longitude: i },
  ]) as [{ latitude: number; longitude: number }, { latitude: number; longitude: number }][];

  it("sequential and pipelined give the same distances in the same order", async () => {
    const expected = pairs.map(([a, b]) => haversine(a, b));
    expect(await sequential(pairs, 1)).toEqual(expected);
    expect(await pipelined(pairs, 1)).toEqual(expected);
  });

  it("the pipeline overlaps its waits: on a fake clock, one delay per row instead of two", async () => {
    // Virtual time, so the machine's load cannot change it: the loop waits 2 delays per row
    // (8 rows x 2 x 20 ms), the pipeline reads row k+1 while it writes row k (9 x 20 ms).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const virtualMs = async (run: () => Promise<unknown>) => {
        const start = Date.now();
        const done = run();
        await vi.runAllTimersAsync();
        await done;
        return Date.now() - start;
      };
      expect(await virtualMs(() => sequential(pairs, 20))).toBe(8 * 2 * 20);
      expect(await virtualMs(() => pipelined(pairs, 20))).toBe(9 * 20);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("page 7: measuring", () => {
  it("medianMs runs warm-up + repeats and returns a time", () => {
    let calls = 0;
    const ms = medianMs(() => calls++, 5, 2);
    expect(calls).toBe(7);
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("pdistNsPerPair returns a positive, finite number", () => {
    const ns = pdistNsPerPair(200);
    expect(Number.isFinite(ns) && ns > 0).toBe(true);
  });
});
