import type { LockRun, RaceDemoResult } from "./race.ts";

const int = (x: number) => x.toLocaleString("en-US");
const ms = (x: number) => (x < 10 ? `${x.toFixed(1)} ms` : `${int(Math.round(x))} ms`);

const LABELS = {
  plain: "plain +=",
  atomics: "Atomics.add",
  mutex: "mutex (Atomics.wait/notify)",
} as const;

function lockLines(run: LockRun): string[] {
  const held = run.workers
    .map((w) => `worker ${w.id + 1} took ${w.holds}, then waited for ${w.waitsFor}`)
    .join("; ");
  if (!run.deadlockDetected) {
    return [
      `    ${held}`,
      `    ${run.completed ? "every worker got both locks" : "not completed"}: ${ms(run.ms)}`,
    ];
  }
  const gaveUp = run.workers.filter((w) => !w.gotBoth).map((w) => `worker ${w.id + 1}`);
  const finished = run.workers.filter((w) => w.gotBoth).map((w) => `worker ${w.id + 1}`);
  return [
    `    ${held}`,
    `    DEADLOCK detected by the ${int(run.timeoutMs)} ms timeout: ${gaveUp.join(" and ")} gave up and released ${gaveUp.length === 1 ? "its lock" : "their locks"}${finished.length ? `, then ${finished.join(" and ")} finished` : ""} (${ms(run.ms)}, no hang)`,
  ];
}

/** The human-readable report of `dmx demo race`. */
export function formatRaceReport(r: RaceDemoResult): string {
  const rows = r.variants.map((v) => [
    LABELS[v.name],
    int(v.counter),
    int(v.expected),
    int(v.lostUpdates),
    ms(v.ms),
  ]);
  const header = ["variant", "counter", "expected", "lost updates", "time"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join("  ")}`;
  return [
    `Race demo: ${r.workers} workers x ${int(r.iterations)} increments of one counter in a SharedArrayBuffer, ${r.cores} cores`,
    "",
    line(header),
    ...rows.map(line),
    "",
    "Two locks, two workers:",
    "  opposite order:",
    ...lockLines(r.deadlock),
    "  same order (the fix):",
    ...lockLines(r.ordered),
    "",
  ].join("\n");
}
