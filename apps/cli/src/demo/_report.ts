import type { EventLoopDemoResult, EventLoopPhase } from "./event-loop.ts";

const round = (ms: number) => `${Math.round(ms)} ms`;

/** One progress line per phase, for stderr. */
export function phaseLine(
  phase: EventLoopPhase,
  tasks: number,
  ms: number,
  threads: number,
): string {
  const what = {
    sleep: `${tasks} sleeps of ${ms} ms, awaited together`,
    mainThreadBusy: `${tasks} busy loops of ${ms} ms on the main thread`,
    workersBusy: `${tasks} busy loops of ${ms} ms in ${threads} worker thread${threads === 1 ? "" : "s"}`,
  }[phase];
  return `running ${what}...\n`;
}

/** The human-readable report: each run's wall time next to what the event loop predicts. */
export function formatEventLoopReport(r: EventLoopDemoResult): string {
  const rounds = Math.ceil(r.tasks / r.threads);
  const rows: [string, number, string][] = [
    [`${r.tasks} x sleep(${r.ms})`, r.sleepMs, `~${r.ms} ms: timers overlap, the thread is free`],
    [
      `${r.tasks} x busy(${r.ms}), main thread`,
      r.mainThreadBusyMs,
      `~${r.tasks * r.ms} ms: one at a time, the event loop is blocked`,
    ],
    [
      `${r.tasks} x busy(${r.ms}), ${r.threads} workers`,
      r.workersBusyMs,
      `~${rounds * r.ms} ms: ceil(${r.tasks} / ${r.threads}) = ${rounds} round${rounds === 1 ? "" : "s"}`,
    ],
  ];
  const w = Math.max(...rows.map(([label]) => label.length));
  const t = Math.max(...rows.map(([, ms]) => round(ms).length));
  return [
    `Event loop demo: ${r.tasks} tasks of ${r.ms} ms, ${r.cores} cores`,
    "",
    ...rows.map(([label, ms, note]) => `  ${label.padEnd(w)}  ${round(ms).padStart(t)}   ${note}`),
    "",
  ].join("\n");
}
