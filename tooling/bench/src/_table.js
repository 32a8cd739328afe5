// Plain-text rendering: one aligned table, numbers formatted for people.

/** 1234.5 → "1,234.5" with `digits` decimals. */
export const num = (x, digits = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "n/a";

/** Milliseconds as "812 ms" or "2.41 s". */
export const ms = (x) =>
  !Number.isFinite(x)
    ? "n/a"
    : x >= 1000
      ? `${num(x / 1000, 2)} s`
      : `${num(x, x < 10 ? 2 : 0)} ms`;

/** Kilobytes (ru_maxrss) as MiB. */
export const mib = (kb) => (Number.isFinite(kb) ? `${num(kb / 1024, 0)} MB` : "n/a");

/**
 * Renders rows (arrays of cells) under `header` as a Markdown-compatible table.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function renderTable(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => `| ${cells.map((x, c) => String(x).padEnd(widths[c])).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}
