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
    mainThreadBusy: `${tasks} busy tasks of ${ms} ms of work on the main thread`,
    workersBusy: `${tasks} busy tasks of ${ms} ms of work in ${threads} worker thread${threads === 1 ? "" : "s"}`,
  }[phase];
  return `running ${what}...\n`;
}

/**
 * The human-readable report: each run's wall time and CPU time (all threads) next to what the
 * event loop predicts, and for the workers how many cores they kept busy on average.
 */
export function formatEventLoopReport(r: EventLoopDemoResult): string {
  const rounds = Math.ceil(r.tasks / r.threads);
  const busyCores = r.workersBusyMs > 0 ? r.workersBusyCpuMs / r.workersBusyMs : 0;
  const rows: [string, number, number, string][] = [
    [
      `${r.tasks} x sleep(${r.ms})`,
      r.sleepMs,
      r.sleepCpuMs,
      `~${r.ms} ms: timers overlap, the thread is free`,
    ],
    [
      `${r.tasks} x busy(${r.ms}), main thread`,
      r.mainThreadBusyMs,
      r.mainThreadBusyCpuMs,
      `~${r.tasks * r.ms} ms: one at a time, the event loop is blocked`,
    ],
    [
      `${r.tasks} x busy(${r.ms}), ${r.threads} workers`,
      r.workersBusyMs,
      r.workersBusyCpuMs,
      `~${rounds * r.ms} ms: ceil(${r.tasks} / ${r.threads}) = ${rounds} round${rounds === 1 ? "" : "s"}; ${busyCores.toFixed(2)} cores busy on average`,
    ],
  ];
  const w = Math.max(...rows.map(([label]) => label.length));
  const t = Math.max(4, ...rows.map(([, ms]) => round(ms).length));
  const c = Math.max(3, ...rows.map(([, , cpu]) => round(cpu).length));
  return [
    `Event loop demo: ${r.tasks} tasks, each ${r.ms} ms of fixed work (${r.iterationsPerTask.toLocaleString("en-US")} steps, calibrated at start), ${r.cores} cores`,
    "",
    `  ${"".padEnd(w)}  ${"wall".padStart(t)}  ${"cpu".padStart(c)}   expected on an idle machine`,
    ...rows.map(
      ([label, ms, cpu, note]) =>
        `  ${label.padEnd(w)}  ${round(ms).padStart(t)}  ${round(cpu).padStart(c)}   ${note}`,
    ),
    "",
    "cpu = CPU time of every thread of the process. Workers that wait for a core (other",
    "programs, or more workers than cores) show as wall time above the rounds and fewer cores busy.",
    r.sameWork ? "" : "warning: the tasks did not all compute the same result",
  ]
    .filter((line, i, all) => line !== "" || i < all.length - 1)
    .join("\n")
    .concat("\n");
}
