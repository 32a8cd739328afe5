// Runs the samples of guide pages 1, 3 and 6: what the pages claim is what the code does.
import { describe, expect, it, vi } from "vitest";
import { interleave } from "../samples/concepts/interleave.ts";
import { busyTogether, sleepsTogether } from "../samples/event-loop/sleep-vs-busy.ts";
import { timerLateness } from "../samples/event-loop/starved-timer.ts";
import { sumInChildProcess } from "../samples/processes/child-process.ts";
import { squaresInSharedMemory } from "../samples/processes/shared-memory.ts";
import { cloneExamples, transferExample } from "../samples/processes/structured-clone.ts";

describe("page 1: concurrency on one thread", () => {
  it("interleaves two tasks whenever one waits", async () => {
    expect(await interleave()).toEqual(["A starts", "B starts", "B done", "A done"]);
  });
});

describe("page 3: the event loop", () => {
  // Relations the event loop guarantees; nothing here depends on how busy the machine is.
  it("sleeps overlap: five sleeps take exactly as long as one (on a fake clock)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      const wall = sleepsTogether(5, 100);
      await vi.advanceTimersByTimeAsync(100);
      expect(await wall).toBe(100);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sleeps overlap on the real clock too: never less than one sleep", async () => {
    expect(await sleepsTogether(5, 50)).toBeGreaterThanOrEqual(50 - 2);
  });

  it("busy loops on the main thread never overlap: at least the sum", async () => {
    expect(await busyTogether(5, 30)).toBeGreaterThanOrEqual(5 * 30 - 1);
  });

  it("a 0 ms timer waits for the busy loop to finish", async () => {
    expect(await timerLateness(50)).toBeGreaterThanOrEqual(49);
  });
});

describe("page 6: processes vs workers", () => {
  it("structured clone copies Maps, Dates and typed arrays but refuses functions", () => {
    expect(cloneExamples()).toEqual({ copied: true, mapSize: 1, functionError: "DataCloneError" });
  });

  it("transfer moves a buffer: the sender is left with 0 bytes", () => {
    expect(transferExample()).toEqual({ before: 8000, afterSender: 0, afterReceiver: 8000 });
  });

  it("workers write into one SharedArrayBuffer and the main thread sees every write", async () => {
    const squares = await squaresInSharedMemory(1001, 3);
    expect(squares).toHaveLength(1001);
    expect(squares.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let i = 0; i < squares.length; i++) expect(squares[i]).toBe(i * i);
  });

  it("a child process receives numbers and sends back their sum", async () => {
    expect(await sumInChildProcess([1, 2, 3, 4.5])).toBe(10.5);
  });
});
