import type { RunReport, StepFailure, StepRecord, TimelineEvent } from "@dmx/device-sim";

/** Whole milliseconds for people. */
function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

/** One decimal for machines (real-clock times are fractional). */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function reason(failure: StepFailure): string {
  return failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
}

/** The log line printed as a step starts or ends, e.g. `[  500 ms] toilet  FLUSH  ok`. */
export function logLine(event: TimelineEvent): string {
  const { step } = event;
  const at = event.kind === "start" ? step.startMs : (step.endMs ?? step.startMs);
  const head = `[${String(Math.round(at)).padStart(6)} ms] ${step.device.padEnd(10)} ${step.type.padEnd(12)}`;
  if (event.kind === "start") {
    return `${head} start${step.data === undefined ? "" : ` ${JSON.stringify(step.data)}`}\n`;
  }
  const took = ms((step.endMs ?? at) - step.startMs);
  return step.ok ? `${head} ok (${took})\n` : `${head} FAILED after ${took}: ${step.error}\n`;
}

const BAR = 50;

/** Bar of one step on a `width`-column axis from 0 to `total`: `#` ok, `x` failed, `.` idle. */
function bar(step: StepRecord, total: number, width: number): string {
  const col = (t: number) => (total > 0 ? Math.round((t / total) * width) : 0);
  const from = Math.min(col(step.startMs), width - 1);
  const to = Math.max(from + 1, col(step.endMs ?? total));
  const mark = step.ok === false ? "x" : "#";
  return ".".repeat(from) + mark.repeat(to - from) + ".".repeat(Math.max(0, width - to));
}

/**
 * The ASCII Gantt chart of a run: one row per step in start order, a bar on a shared time
 * axis (so overlapping steps are bars stacked in the same columns), times and outcome.
 */
export function timeline(title: string, report: RunReport): string {
  const steps = report.steps;
  const total = report.totalMs;
  const deviceWidth = Math.max(6, ...steps.map((s) => s.device.length));
  const typeWidth = Math.max(4, ...steps.map((s) => s.type.length));
  const indent = " ".repeat(deviceWidth + typeWidth + 2);
  const right = ms(total);
  const lines = [
    title,
    "",
    `${"device".padEnd(deviceWidth)} ${"step".padEnd(typeWidth)} 0 ms${right.padStart(BAR + 2 - 4)}`,
    ...steps.map((s) => {
      const end = s.endMs ?? total;
      const times = `${String(Math.round(s.startMs)).padStart(6)} - ${ms(end).padStart(8)}`;
      const outcome = s.ok === false ? `FAILED: ${s.error}` : "ok";
      return `${s.device.padEnd(deviceWidth)} ${s.type.padEnd(typeWidth)} |${bar(s, total, BAR)}| ${times}  ${outcome}`;
    }),
    `${indent}  ${"#".repeat(4)} ok   ${"x".repeat(4)} failed   columns of ${ms(total / BAR)}`,
    "",
    `total ${ms(total)}: connecting ${ms(report.programStartMs)}, program ${ms(report.programMs)}${report.ok ? "" : ` (${report.error?.failures.length ?? 0} failed)`}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** The failures, one per line, for stderr. */
export function failureList(report: RunReport): string {
  const failures = report.error?.failures ?? [];
  const head = failures.length === 1 ? "1 step failed" : `${failures.length} steps failed`;
  const rows = failures.map(
    (f) => `  - ${[f.device, f.type].filter(Boolean).join(" ")}: ${reason(f)} (at ${f.path})`,
  );
  return `${head}:\n${rows.join("\n")}\n`;
}

/** The `--json` document. */
export function jsonReport(program: string, settings: object, report: RunReport): string {
  const doc = {
    program,
    settings,
    ok: report.ok,
    totalMs: round(report.totalMs),
    programStartMs: round(report.programStartMs),
    programMs: round(report.programMs),
    steps: report.steps.map((s) => ({
      device: s.device,
      type: s.type,
      ...(s.data === undefined ? {} : { data: s.data }),
      startMs: round(s.startMs),
      endMs: round(s.endMs ?? report.totalMs),
      ok: s.ok === true,
      ...(s.error === undefined ? {} : { error: s.error }),
    })),
    failures: (report.error?.failures ?? []).map((f) => ({
      device: f.device,
      type: f.type,
      path: f.path,
      reason: reason(f),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
