// The IoT player's layout in Node, fed by a real simulate() run on a virtual clock.
import { classicPrograms, type StepRecord, simulate, VirtualClock } from "@dmx/device-sim";
import { describe, expect, it } from "vitest";
import { layoutTimeline, logLine } from "../src/iot/timeline.ts";

const step = (over: Partial<StepRecord>): StepRecord => ({
  index: 0,
  device: "light",
  type: "SWITCH_ON",
  startMs: 0,
  endMs: 500,
  ok: true,
  ...over,
});

describe("layoutTimeline", () => {
  it("one lane per device in order of appearance, bars in percent of the scale", () => {
    const lanes = layoutTimeline(
      [
        step({}),
        step({ index: 1, device: "speaker" }),
        step({ index: 2, device: "light", type: "SWITCH_OFF", startMs: 500, endMs: 1000 }),
      ],
      1000,
      1000,
    );
    expect(lanes.map((l) => l.device)).toEqual(["light", "speaker"]);
    expect(lanes[0]!.bars.map((b) => [b.label, b.leftPct, b.widthPct])).toEqual([
      ["SWITCH_ON", 0, 50],
      ["SWITCH_OFF", 50, 50],
    ]);
  });

  it("a running step reaches `now`, a failed one is marked, nothing passes the right edge", () => {
    const [lane] = layoutTimeline(
      [
        step({ endMs: undefined, ok: undefined }),
        step({ index: 1, startMs: 900, endMs: 1500, ok: false, error: "boom" }),
      ],
      250,
      1000,
    );
    expect(lane!.bars[0]).toMatchObject({ leftPct: 0, widthPct: 25, running: true, failed: false });
    expect(lane!.bars[1]).toMatchObject({
      leftPct: 90,
      widthPct: 10,
      running: false,
      failed: true,
    });
    expect(lane!.bars[1]!.title).toContain("failed: boom");
  });

  it("lays out a real sleep run: the toilet's clean starts where its flush ends", async () => {
    const report = await simulate(classicPrograms.sleep, {
      clock: new VirtualClock(),
      latencyMs: 500,
    });
    const toilet = layoutTimeline(report.steps, report.totalMs, report.totalMs).find(
      (l) => l.device === "toilet",
    )!;
    const [, flush, clean] = toilet.bars;
    expect([flush!.label, clean!.label]).toEqual(["FLUSH", "CLEAN"]);
    expect(clean!.leftPct).toBeCloseTo(flush!.leftPct + flush!.widthPct, 9);
  });
});

describe("logLine", () => {
  it("prints start, done and failure lines like the CLI log", () => {
    expect(logLine("start", step({ data: "song" }))).toBe('    0 ms  start light SWITCH_ON "song"');
    expect(logLine("end", step({}))).toBe("  500 ms  done  light SWITCH_ON");
    expect(logLine("end", step({ ok: false, error: "unplugged" }))).toBe(
      "  500 ms  FAIL  light SWITCH_ON: unplugged",
    );
  });
});
