// Turns a device-sim timeline into lanes and bars: DOM-free, so it is unit-tested in Node.
import type { StepRecord } from "@dmx/device-sim";

/** One bar of the chart, positioned in percent of the chart's width. */
export interface Bar {
  readonly label: string;
  readonly leftPct: number;
  readonly widthPct: number;
  readonly running: boolean;
  readonly failed: boolean;
  readonly title: string;
}

/** One lane per device, in order of first appearance. */
export interface Lane {
  readonly device: string;
  readonly bars: Bar[];
}

/**
 * Lays out `steps` on a time axis from 0 to `scaleMs`; a running step extends to `nowMs`.
 * Bars never go past the right edge.
 */
export function layoutTimeline(
  steps: readonly StepRecord[],
  nowMs: number,
  scaleMs: number,
): Lane[] {
  const lanes = new Map<string, Lane>();
  const pct = (ms: number) => Math.min(100, Math.max(0, (ms / scaleMs) * 100));
  for (const step of steps) {
    let lane = lanes.get(step.device);
    if (!lane) {
      lane = { device: step.device, bars: [] };
      lanes.set(step.device, lane);
    }
    const end = step.endMs ?? nowMs;
    const left = pct(step.startMs);
    const outcome =
      step.ok === undefined ? "running" : step.ok ? "ok" : `failed: ${step.error ?? "?"}`;
    lane.bars.push({
      label: step.type,
      leftPct: left,
      widthPct: Math.max(0, pct(end) - left),
      running: step.ok === undefined,
      failed: step.ok === false,
      title: `${step.device} ${step.type}: ${Math.round(step.startMs)}–${Math.round(end)} ms (${outcome})`,
    });
  }
  return [...lanes.values()];
}

/** One log line per event, like `dmx iot run` prints them. */
export function logLine(kind: "start" | "end", step: StepRecord): string {
  const at = Math.round(kind === "start" ? step.startMs : (step.endMs ?? step.startMs));
  const what = `${step.device} ${step.type}${step.data === undefined ? "" : ` ${JSON.stringify(step.data)}`}`;
  if (kind === "start") return `${String(at).padStart(5)} ms  start ${what}`;
  return `${String(at).padStart(5)} ms  ${step.ok ? "done " : "FAIL "} ${what}${step.ok ? "" : `: ${step.error ?? ""}`}`;
}
