import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";
import { checkSvg } from "./_svg.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-bench-test-"));

/** Runs the built CLI as a user would; never throws. */
const dmx = (...args: string[]) => runCli(args, { cwd: dir });

beforeAll(buildCliIfMissing, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = ["bench", "--sizes", "50", "--repeat", "1", "--executors", "sequential,shared"];

describe("dmx bench on a tiny input", () => {
  it("prints the table and writes the JSON results and the SVG chart", async () => {
    const { code, stdout, stderr } = await dmx(
      ...tiny,
      "--threads",
      "2",
      "--json",
      "-o",
      "out/results.json",
      "--chart",
      "out/chart.svg",
    );
    expect(stderr).toContain("dmx bench:");
    expect(code).toBe(0);
    for (const column of ["executor", "threads", "calc ms", "ns/pair", "vs sequential"]) {
      expect(stdout).toContain(column);
    }
    expect(stdout).toMatch(/^\s*50\s+1,225\s+sequential\s+1\s.*1\.00x$/m);
    expect(stdout).toMatch(/^\s*50\s+1,225\s+shared\s+\d+\s/m);

    const json = JSON.parse(readFileSync(join(dir, "out/results.json"), "utf8"));
    expect(json.command).toBe(
      "dmx bench --sizes 50 --repeat 1 --executors sequential,shared --threads 2 --json -o out/results.json --chart out/chart.svg",
    );
    expect(json.machine).toMatchObject({ cores: expect.any(Number), cpu: expect.any(String) });
    expect(json.settings).toMatchObject({ sizes: [50], repeat: 1, threads: 2, seed: 42 });
    expect(json.results.map((r: { executor: string }) => r.executor)).toEqual([
      "sequential",
      "shared",
    ]);
    for (const r of json.results) {
      expect(Object.keys(r).sort()).toEqual(
        ["calcMs", "executor", "maxMs", "minMs", "n", "nsPerPair", "pairs", "threads"].sort(),
      );
      expect(r.n).toBe(50);
      expect(r.pairs).toBe((50 * 49) / 2);
      expect(Number.isInteger(r.threads) && r.threads >= 1).toBe(true);
      expect(r.calcMs).toBeGreaterThan(0);
      expect(r.nsPerPair).toBeCloseTo((r.calcMs * 1e6) / r.pairs, 6);
    }
    expect(json.results[0].threads).toBe(1);

    const svg = readFileSync(join(dir, "out/chart.svg"), "utf8");
    const { problems, elements } = checkSvg(svg);
    expect(problems).toEqual([]);
    expect(elements.filter((e) => e === "path")).toHaveLength(2);
    expect(elements.filter((e) => e === "circle").length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain(">sequential</text>");
    expect(svg).toContain(">shared</text>");
  }, 120_000);

  it("--json prints only JSON on stdout and the table on stderr; -q keeps stderr empty", async () => {
    const { code, stdout, stderr } = await dmx(...tiny, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results).toHaveLength(2);
    expect(stderr).toContain("ns/pair");
    const quiet = await dmx(...tiny, "--json", "-q");
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout).results).toHaveLength(2);
    expect(quiet.stderr).toBe("");
  }, 120_000);
});

describe("dmx bench is fair", () => {
  it("rotates the executors' order across the timed rounds (recorded in --json)", async () => {
    const { code, stdout } = await dmx(
      "bench",
      "--sizes",
      "20,30",
      "--repeat",
      "3",
      "--executors",
      "sequential,async,shared",
      "--threads",
      "2",
      "--quiet",
      "--json",
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.settings).toMatchObject({ order: "rotated", warmup: 1, metric: "haversine" });
    const orders = (n: number) =>
      json.rounds
        .filter((r: { n: number }) => r.n === n)
        .map((r: { order: string[] }) => r.order.join(","));
    for (const n of [20, 30]) {
      expect(orders(n)).toEqual([
        "sequential,async,shared",
        "async,shared,sequential",
        "shared,sequential,async",
      ]);
    }
  }, 120_000);

  it("--metric geodesic gives the same table shape; a bad metric is a usage error", async () => {
    const ok = await dmx(
      "bench",
      "--sizes",
      "20",
      "--repeat",
      "1",
      "-e",
      "sequential",
      "--metric",
      "geodesic",
      "-q",
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("metric geodesic");
    const bad = await dmx("bench", "--metric", "manhattan");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--metric must be one of haversine, equirectangular, geodesic/);
  }, 120_000);
});

describe("dmx bench usage errors exit 2", () => {
  it.each([
    [["--sizes", "1"], /each item of --sizes must be an integer from 2/],
    [["--sizes", "10,,20"], /--sizes: empty item/],
    [["--repeat", "0"], /--repeat must be an integer from 1/],
    [["--threads", "two"], /--threads must be an integer/],
    [["--executors", "sequential,nope"], /unknown executor "nope" \(known: .*sequential/],
    [["--frobnicate"], /frobnicate/],
    [["extra"], /unexpected argument "extra"/],
  ])("dmx bench %j", async (args, message) => {
    const { code, stdout, stderr } = await dmx("bench", ...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  it("--help lists the options and exits 0", async () => {
    const { code, stdout } = await dmx("bench", "--help");
    expect(code).toBe(0);
    for (const option of ["--executors", "--sizes", "--threads", "--repeat", "--json", "--chart"]) {
      expect(stdout).toContain(option);
    }
  });
});
