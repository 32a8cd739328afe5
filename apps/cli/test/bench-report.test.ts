import { describe, expect, it } from "vitest";
import { renderChart } from "../src/bench/_chart.ts";
import type { BenchResult, MatrixRunner } from "../src/bench/_measure.ts";
import { measure, rotation } from "../src/bench/_measure.ts";
import { renderTable, speedUp } from "../src/bench/_report.ts";
import { checkSvg } from "./_svg.ts";

const cell = (executor: string, n: number, calcMs: number, threads = 1): BenchResult => {
  const pairs = (n * (n - 1)) / 2;
  return { executor, n, pairs, threads, calcMs, nsPerPair: (calcMs * 1e6) / pairs };
};

/** A runner whose compute phase takes a fixed number of ns per pair (no real work). */
function fakeRunner(nsPerPair: Record<string, number>, calls: string[] = []): MatrixRunner {
  return {
    async compute(executor, places) {
      const n = places.lat.length;
      calls.push(`${executor}:${n}`);
      if (executor === "broken") throw new Error("worker crashed");
      return {
        ms: ((n * (n - 1)) / 2) * nsPerPair[executor]! * 1e-6,
        threads: 2,
        notes: ["capped"],
      };
    },
  };
}

const plan = { sizes: [10, 2000], repeat: 3, warmup: 1, seed: 1, maxSeconds: 1 };

describe("measure", () => {
  it("runs warm-up + repeat times per cell and reports the executor's compute time", async () => {
    const calls: string[] = [];
    const { results } = await measure(
      { ...plan, executors: ["fast"] },
      fakeRunner({ fast: 2 }, calls),
      new AbortController().signal,
    );
    expect(calls).toEqual([...Array(4).fill("fast:10"), ...Array(4).fill("fast:2000")]);
    expect(results.map((r) => [r.n, r.pairs, r.threads])).toEqual([
      [10, 45, 2],
      [2000, 1_999_000, 2],
    ]);
    expect(results[1]!.nsPerPair).toBeCloseTo(2, 9);
  });

  it("skips a size when even one run would exceed maxSeconds, and says why", async () => {
    // 1,999,000 pairs x 1,000 ns = 2 s for one run > 1 s.
    const calls: string[] = [];
    const { results, notes } = await measure(
      { ...plan, executors: ["slow"] },
      fakeRunner({ slow: 1000 }, calls),
      new AbortController().signal,
    );
    expect(results.map((r) => r.n)).toEqual([10]);
    expect(calls.every((c) => c === "slow:10")).toBe(true);
    const skip = notes.find((n) => n.kind === "skipped");
    expect(skip?.text).toMatch(
      /^skipped from n=2,000: about 2 s per run at 1,000 ns\/pair .*limit 1 s/,
    );
  });

  it("probes with one run when only all runs together would exceed maxSeconds", async () => {
    // 200 ns/pair: one run at n=2,000 is 0.4 s, four runs 1.6 s > 1 s: one probe, then skip.
    const calls: string[] = [];
    const { results, notes } = await measure(
      { ...plan, executors: ["mid"] },
      fakeRunner({ mid: 200 }, calls),
      new AbortController().signal,
    );
    expect(results.map((r) => r.n)).toEqual([10]);
    expect(calls.filter((c) => c === "mid:2000")).toHaveLength(1);
    expect(notes.find((n) => n.kind === "skipped")?.text).toMatch(
      /^skipped from n=2,000: one run took 0\.4 s/,
    );
  });

  it("keeps a size whose probe shows the per-pair estimate was inflated by fixed costs", async () => {
    // 100 ms per run whatever the size: from n=1,000 (200 ns/pair) one run at n=2,000 looks
    // like 0.4 s and four like 1.6 s > 1 s, so one probe run; it takes 0.1 s, so n=2,000 stays.
    const calls: string[] = [];
    const fixed: MatrixRunner = {
      async compute(_executor, places) {
        calls.push(String(places.lat.length));
        return { ms: 100, threads: 1, notes: [] };
      },
    };
    const { results, notes } = await measure(
      { ...plan, sizes: [1000, 2000], executors: ["fixed"] },
      fixed,
      new AbortController().signal,
    );
    expect(notes).toEqual([]);
    expect(results.map((r) => [r.n, r.calcMs])).toEqual([
      [1000, 100],
      [2000, 100],
    ]);
    expect(calls.filter((c) => c === "2000")).toHaveLength(4);
  });

  it("records a failing executor as a failed note and carries on with the next", async () => {
    const { results, notes } = await measure(
      { ...plan, executors: ["broken", "fast"] },
      fakeRunner({ fast: 1 }),
      new AbortController().signal,
    );
    expect(results.map((r) => r.executor)).toEqual(["fast", "fast"]);
    expect(notes.filter((n) => n.kind === "failed").map((n) => n.text)).toEqual([
      "failed at n=10: worker crashed",
    ]);
    expect(notes.filter((n) => n.kind === "executor")).toHaveLength(1);
  });

  it("stops at once when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("interrupted"));
    await expect(
      measure({ ...plan, executors: ["fast"] }, fakeRunner({ fast: 1 }), controller.signal),
    ).rejects.toThrow("interrupted");
  });
});

describe("fair order", () => {
  it("rotation shifts the list left by the round, so each item leads once per cycle", () => {
    expect([0, 1, 2, 3].map((r) => rotation(["a", "b", "c"], r))).toEqual([
      ["a", "b", "c"],
      ["b", "c", "a"],
      ["c", "a", "b"],
      ["a", "b", "c"],
    ]);
    expect(rotation([], 3)).toEqual([]);
  });

  it("warms every executor up first, then times rounds in rotated order", async () => {
    const calls: string[] = [];
    const { rounds, results } = await measure(
      { ...plan, sizes: [10], warmup: 1, repeat: 3, executors: ["x", "y", "z"] },
      fakeRunner({ x: 1, y: 1, z: 1 }, calls),
      new AbortController().signal,
    );
    expect(calls.map((c) => c.split(":")[0]).join("")).toBe("xyz" + "xyz" + "yzx" + "zxy");
    expect(rounds.map((r) => r.order.join(""))).toEqual(["xyz", "yzx", "zxy"]);
    expect(results.map((r) => r.executor)).toEqual(["x", "y", "z"]);
  });

  it("reports the fastest and slowest timed run around the median", async () => {
    let k = 0;
    const times = [50, 30, 10, 20]; // the first is the warm-up, never reported
    const runner: MatrixRunner = {
      async compute() {
        return { ms: times[k++]!, threads: 1, notes: [] };
      },
    };
    const { results } = await measure(
      { ...plan, sizes: [10], executors: ["a"] },
      runner,
      new AbortController().signal,
    );
    expect(results[0]).toMatchObject({ calcMs: 20, minMs: 10, maxMs: 30 });
    expect(renderTable(results, [], [10])).toMatch(/\s100%\s/);
  });
});

describe("renderTable", () => {
  const results = [
    cell("sequential", 1000, 40),
    cell("shared", 1000, 10, 2),
    cell("shared", 5000, 100, 2),
  ];

  it("shows speed-up against sequential at the same size, and - where there is none", () => {
    expect(speedUp(results[1]!, results)).toBe(4);
    expect(speedUp(results[2]!, results)).toBeUndefined();
    const text = renderTable(results, [], [1000, 5000]);
    expect(text).toMatch(/^\s*1,000\s+499,500\s+shared\s+2\s+10\.0\s+-\s+20\.0\s+4\.00x$/m);
    expect(text).toMatch(/^\s*5,000\s+12,497,500\s+shared\s+2\s+100\s+-\s+8\.00\s+-$/m);
  });

  it("lists notes under the table", () => {
    const text = renderTable(
      results,
      [{ executor: "async", kind: "skipped", text: "skipped from n=5,000" }],
      [1000],
    );
    expect(text).toContain("Notes:\n  async: skipped from n=5,000");
  });
});

describe("renderChart", () => {
  it("draws one line per executor and one point per result, as well-formed SVG", () => {
    const results = [
      cell("sequential", 100, 0.4),
      cell("sequential", 1000, 40),
      cell("a<b&c", 100, 1, 2),
      cell("a<b&c", 1000, 12, 2),
    ];
    const svg = renderChart(results, { subtitle: 'CPU "x" & co' });
    const { problems, elements } = checkSvg(svg);
    expect(problems).toEqual([]);
    expect(elements.filter((e) => e === "path")).toHaveLength(2);
    // one point per result plus one legend marker per executor
    expect(elements.filter((e) => e === "circle")).toHaveLength(4 + 2);
    expect(svg).toContain("a&lt;b&amp;c");
    expect(svg).toContain("CPU &quot;x&quot; &amp; co");
  });
});
