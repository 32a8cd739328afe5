import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executorNames } from "@dmx/executors";
import { afterAll, describe, expect, it } from "vitest";
import { dmx, haversineKm, near, parseCsv, readNpy, sample, sampleRows } from "./_compute.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-compute-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const places = sampleRows();
const n = places.names.length;
const d = (i: number, j: number) =>
  haversineKm(places.lat[i]!, places.lon[i]!, places.lat[j]!, places.lon[j]!);

/** Pairs in the workshop's order: for each j, (i, j) for i < j. */
const workshop: [number, number][] = [];
for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) workshop.push([i, j]);
/** SciPy pdist order. */
const condensed: [number, number][] = [];
for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) condensed.push([i, j]);

function checkPairs(text: string) {
  const rows = parseCsv(text);
  expect(rows).toHaveLength(workshop.length);
  rows.forEach((row, k) => {
    const [i, j] = workshop[k]!;
    expect([row[0], row[1]]).toEqual([places.names[i], places.names[j]]);
    if (!near(Number(row[2]), d(i, j))) throw new Error(`row ${k}: ${row[2]} vs ${d(i, j)}`);
  });
}

describe("dmx compute on the bundled sample", () => {
  it("writes output.csv beside the input, pairs in the workshop's order, timings on stderr", async () => {
    const input = join(dir, "world-cities.csv");
    copyFileSync(sample, input);
    const r = await dmx(["compute", input]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Calc time: [\d.]+ m?s$/m);
    expect(r.stderr).toMatch(/^Total time: [\d.]+ m?s$/m);
    checkPairs(readFileSync(join(dir, "output.csv"), "utf8"));
    // RFC 4180 quoting of the sample's awkward names.
    expect(readFileSync(join(dir, "output.csv"), "utf8")).toContain(
      'Ann Arbor,"Quote ""Point"", Null Island",',
    );
  });

  it("-o - writes the data to stdout and nothing else there", async () => {
    const r = await dmx(["compute", sample, "-o", "-", "--header-row"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("origin,destination,distance\n")).toBe(true);
    checkPairs(r.stdout.slice("origin,destination,distance\n".length));
    expect(r.stderr).toContain("Total time:");
  });

  it("--quiet prints nothing on stderr", async () => {
    const r = await dmx(["compute", sample, "-o", join(dir, "quiet.csv"), "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("matrix: square CSV, names in the header row and first column, zero diagonal", async () => {
    const out = join(dir, "m.csv");
    expect((await dmx(["compute", sample, "--format", "matrix", "-o", out])).code).toBe(0);
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows).toHaveLength(n + 1);
    expect(rows[0]).toEqual(["", ...places.names]);
    for (let r = 0; r < n; r++) {
      expect(rows[r + 1]![0]).toBe(places.names[r]);
      for (let c = 0; c < n; c++) {
        const want = r === c ? 0 : d(r, c);
        if (!near(Number(rows[r + 1]![c + 1]), want)) throw new Error(`(${r}, ${c})`);
      }
    }
  });

  it("npy: condensed SciPy order, float64; --square --dtype float32 is n x n", async () => {
    const out = join(dir, "c.npy");
    expect((await dmx(["compute", sample, "--format", "npy", "-o", out])).code).toBe(0);
    const c = readNpy(readFileSync(out));
    expect(c.descr).toBe("<f8");
    expect(c.shape).toEqual([condensed.length]);
    condensed.forEach(([i, j], k) => {
      expect(near(c.data[k]!, d(i, j))).toBe(true);
    });
    const sq = join(dir, "s.npy");
    expect(
      (
        await dmx([
          "compute",
          sample,
          "--format",
          "npy",
          "--square",
          "--dtype",
          "float32",
          "-o",
          sq,
        ])
      ).code,
    ).toBe(0);
    const s = readNpy(readFileSync(sq));
    expect(s.descr).toBe("<f4");
    expect(s.shape).toEqual([n, n]);
    for (let r = 0; r < n; r++) {
      for (let col = 0; col < n; col++) {
        const want = r === col ? 0 : Math.fround(d(r, col));
        expect(Math.abs(s.data[r * n + col]! - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-6);
      }
    }
  });

  const numpy = (() => {
    try {
      execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  it.runIf(numpy)(
    "numpy.load reads the npy files (and squareform agrees when scipy is there)",
    () => {
      const out = execFileSync(
        "python3",
        [
          "-c",
          [
            "import sys, numpy as np",
            "c = np.load(sys.argv[1]); s = np.load(sys.argv[2])",
            "iu = np.triu_indices(s.shape[0], 1)",
            "print(c.dtype, c.shape, s.dtype, s.shape, bool(np.allclose(s[iu], c, rtol=1e-6)), bool((s == s.T).all()))",
          ].join("\n"),
          join(dir, "c.npy"),
          join(dir, "s.npy"),
        ],
        { encoding: "utf8" },
      );
      expect(out.trim()).toBe(`float64 (${condensed.length},) float32 (${n}, ${n}) True True`);
    },
  );

  it("json: names, unit, metric, condensed distances", async () => {
    const out = join(dir, "o.json");
    expect(
      (await dmx(["compute", sample, "--format", "json", "--unit", "mi", "-o", out])).code,
    ).toBe(0);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.names).toEqual(places.names);
    expect(json.unit).toBe("mi");
    expect(json.metric).toBe("haversine");
    expect(json.distances).toHaveLength(condensed.length);
    for (const [k, [i, j]] of condensed.entries()) {
      expect(near(json.distances[k] * 1.609344, d(i, j))).toBe(true);
    }
  });

  it("--precision, --destinations, --metric geodesic", async () => {
    const dest = join(dir, "dest.csv");
    const r = await dmx([
      "compute",
      sample,
      "--destinations",
      sample,
      "--precision",
      "2",
      "-o",
      dest,
    ]);
    expect(r.code).toBe(0);
    const rows = parseCsv(readFileSync(dest, "utf8"));
    expect(rows).toHaveLength(n * n);
    expect(rows[1]).toEqual([places.names[0], places.names[1], d(0, 1).toFixed(2)]);
    const geo = await dmx(["compute", sample, "--metric", "geodesic", "-o", "-"]);
    expect(geo.code).toBe(0);
    // Ann Arbor to Pleasant Grove on the WGS84 ellipsoid differs from the sphere by < 0.5 %.
    const first = Number(parseCsv(geo.stdout)[0]![2]);
    expect(Math.abs(first - d(0, 1)) / d(0, 1)).toBeLessThan(0.005);
    expect(first).not.toBe(d(0, 1));
  });

  it("every executor writes the same bytes", async () => {
    const outputs = new Set<string>();
    for (const executor of executorNames) {
      const out = join(dir, `e-${executor}.csv`);
      const r = await dmx(["compute", sample, "--executor", executor, "--threads", "2", "-o", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("Calc time:");
      outputs.add(readFileSync(out, "utf8"));
    }
    expect(outputs.size).toBe(1);
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
  }, 120_000);

  it("--help and --version", async () => {
    const help = await dmx(["compute", "--help"]);
    expect(help.code).toBe(0);
    for (const option of [
      "--executor",
      "--threads",
      "--metric",
      "--unit",
      "--radius",
      "--format",
      "--dtype",
      "--square",
      "--header-row",
      "--header",
      "--no-header",
      "--precision",
      "--destinations",
      "--output",
      "--quiet",
      "--io-delay",
    ]) {
      expect(help.stdout).toContain(option);
    }
    const version = await dmx(["compute", "--version"]);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });
});
