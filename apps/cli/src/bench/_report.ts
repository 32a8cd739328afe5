import type { BenchNote, BenchResult } from "./_measure.ts";

const fmt = (x: number, digits: number) =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds for people: "0.42 ms", "95.3 ms", "2,431 ms". */
export function formatMs(ms: number): string {
  return ms < 10 ? fmt(ms, 2) : ms < 100 ? fmt(ms, 1) : fmt(ms, 0);
}

/** ns per pair for people: 3 significant digits, at least 2 decimals below 10. */
export function formatNs(ns: number): string {
  return ns < 10 ? fmt(ns, 2) : ns < 100 ? fmt(ns, 1) : fmt(ns, 0);
}

/** Speed-up of `r` over the sequential executor at the same size, or undefined. */
export function speedUp(r: BenchResult, all: readonly BenchResult[]): number | undefined {
  const base = all.find((x) => x.executor === "sequential" && x.n === r.n);
  return base ? base.calcMs / r.calcMs : undefined;
}

/** (slowest - fastest) / median of a cell's timed runs, as "12%"; "-" for one run. */
export function spread(r: BenchResult): string {
  if (r.minMs === undefined || r.maxMs === undefined || r.calcMs <= 0) return "-";
  return `${Math.round((100 * (r.maxMs - r.minMs)) / r.calcMs)}%`;
}

/**
 * The results table, one row per executor and size, grouped by size; notes below it.
 * Columns: size, executor, threads, calc time (median), spread, ns per pair, speed-up vs sequential.
 */
export function renderTable(
  results: readonly BenchResult[],
  notes: readonly BenchNote[],
  sizes: readonly number[],
): string {
  const header = [
    "n",
    "pairs",
    "executor",
    "threads",
    "calc ms",
    "spread",
    "ns/pair",
    "vs sequential",
  ];
  const right = [true, true, false, true, true, true, true, true];
  const rows: string[][] = [];
  for (const n of sizes) {
    for (const r of results.filter((x) => x.n === n)) {
      const s = speedUp(r, results);
      rows.push([
        fmt(r.n, 0),
        fmt(r.pairs, 0),
        r.executor,
        String(r.threads),
        formatMs(r.calcMs),
        spread(r),
        formatNs(r.nsPerPair),
        s === undefined ? "-" : `${fmt(s, s < 0.1 ? 3 : 2)}x`,
      ]);
    }
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((x, c) => (right[c] ? x.padStart(widths[c]!) : x.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  ")];
  let lastN: string | undefined;
  for (const row of rows) {
    if (lastN !== undefined && row[0] !== lastN) out.push("");
    lastN = row[0];
    out.push(line(row));
  }
  if (rows.length === 0) out.push("(nothing measured)");
  if (notes.length > 0) {
    out.push("", "Notes:");
    for (const note of notes) {
      const text = note.text.startsWith(`${note.executor}: `)
        ? note.text.slice(note.executor.length + 2)
        : note.text;
      out.push(`  ${note.executor}: ${text}`);
    }
  }
  return `${out.join("\n")}\n`;
}
