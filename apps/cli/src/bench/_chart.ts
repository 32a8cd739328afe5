import type { BenchResult } from "./_measure.ts";

/** Okabe-Ito colours (distinguishable with colour-vision deficiencies), then greys. */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const r1 = (x: number) => Math.round(x * 10) / 10;
const label = (x: number) =>
  x >= 1000 ? `${x / 1000 >= 10 ? Math.round(x / 1000) : r1(x / 1000)}k` : `${r1(x)}`;

/** Tick values on a log axis between lo and hi: 1, 2, 5 times powers of ten. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(t);
    }
  }
  return ticks;
}

/** What the chart says about where it was measured (one line under the title). */
export interface ChartCaption {
  readonly title?: string;
  readonly subtitle: string;
}

/**
 * An SVG line chart of ns per pair (log scale, lower is better) against the number of places
 * (log scale), one line per executor. Self-contained: no scripts, no external fonts; each
 * point carries a `<title>` tooltip with its numbers.
 */
export function renderChart(results: readonly BenchResult[], caption: ChartCaption): string {
  const W = 760;
  const H = 440;
  const left = 70;
  const right = 180;
  const top = 64;
  const bottom = 56;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const executors = [...new Set(results.map((r) => r.executor))];
  const sizes = [...new Set(results.map((r) => r.n))].sort((a, b) => a - b);
  const ns = results.map((r) => r.nsPerPair).filter((x) => x > 0 && Number.isFinite(x));
  const yLo = 10 ** Math.floor(Math.log10(ns.length ? Math.min(...ns) : 1));
  const yTop = 10 ** Math.ceil(Math.log10(ns.length ? Math.max(...ns) : 10));
  const yHi = yTop > yLo ? yTop : yLo * 10;
  const xLo = Math.log10(sizes[0] ?? 1);
  const xHi = Math.log10(sizes.at(-1) ?? 10);
  // 4% padding on each side so the first and last points do not sit on the frame
  const x = (n: number) =>
    xHi === xLo ? left + pw / 2 : left + pw * (0.04 + (0.92 * (Math.log10(n) - xLo)) / (xHi - xLo));
  const y = (v: number) =>
    top + ph - ((Math.log10(v) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo))) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="dmx-bench-title dmx-bench-desc" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<title id="dmx-bench-title">${esc(caption.title ?? "dmx bench: nanoseconds per pair by executor and input size")}</title>`,
    `<desc id="dmx-bench-desc">${esc(caption.subtitle)}. Log scales; lower is faster.</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="26" font-size="16" font-weight="600" fill="#111111">${esc(caption.title ?? "dmx bench: time per pair (lower is faster)")}</text>`,
    `<text x="${left}" y="46" fill="#555555">${esc(caption.subtitle)}</text>`,
  ];
  for (const t of logTicks(yLo, yHi)) {
    const major = Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
    out.push(
      `<line x1="${left}" x2="${left + pw}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="${major ? "#cccccc" : "#eeeeee"}"/>`,
      `<text x="${left - 8}" y="${r1(y(t) + 4)}" text-anchor="end" fill="#444444">${label(t)}</text>`,
    );
  }
  for (const n of sizes) {
    out.push(
      `<line x1="${r1(x(n))}" x2="${r1(x(n))}" y1="${top}" y2="${top + ph}" stroke="#eeeeee"/>`,
      `<text x="${r1(x(n))}" y="${top + ph + 18}" text-anchor="middle" fill="#444444">${n.toLocaleString("en-US")}</text>`,
    );
  }
  out.push(
    `<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#999999"/>`,
    `<text x="${left + pw / 2}" y="${H - 14}" text-anchor="middle" fill="#222222">places (n), log scale</text>`,
    `<text transform="translate(18 ${top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#222222">ns per pair, log scale</text>`,
  );
  executors.forEach((name, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    const pts = results.filter((r) => r.executor === name).sort((a, b) => a.n - b.n);
    const d = pts.map((p, i) => `${i ? "L" : "M"}${r1(x(p.n))} ${r1(y(p.nsPerPair))}`).join(" ");
    out.push(`<g><path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of pts) {
      out.push(
        `<circle cx="${r1(x(p.n))}" cy="${r1(y(p.nsPerPair))}" r="4" fill="${colour}"><title>${esc(`${name}, n=${p.n.toLocaleString("en-US")}: ${p.nsPerPair.toPrecision(3)} ns/pair, ${p.calcMs.toPrecision(3)} ms, ${p.threads} thread(s)`)}</title></circle>`,
      );
    }
    const ly = top + 8 + k * 22;
    out.push(
      `<line x1="${left + pw + 16}" x2="${left + pw + 40}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<circle cx="${left + pw + 28}" cy="${ly}" r="4" fill="${colour}"/>`,
      `<text x="${left + pw + 48}" y="${ly + 4}" fill="#222222">${esc(name)}</text></g>`,
    );
  });
  out.push("</svg>", "");
  return out.join("\n");
}
