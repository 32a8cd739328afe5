import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ExecutorName,
  mergeShards,
  type WriteMatrixOptions,
  writeMatrix,
  writeShard,
} from "../src/index.ts";
import { table } from "./_helpers.ts";
import { places } from "./_npy-places.ts";

// `writeShard` + `mergeShards` give exactly the bytes of one `writeMatrix` run, for every
// format, layout, dtype, metric and with destinations; parts are loaded by real numpy.

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-shard-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Names that need CSV quoting, and a few destinations for the rectangle.
const quoted = table(
  Array.from({ length: 23 }, (_, i) => [
    i % 5 === 0 ? `q,"${i}"` : `place ${i}`,
    ((i * 41) % 170) - 85,
    ((i * 67) % 350) - 175,
  ]),
);
const destinations = table([
  ["d0", 10, 20],
  ["d,1", -33.9, 151.2],
  ["d2", 51.5, -0.1],
  ["d3", 40.7, -74],
  ["d4", 0, 0],
]);

type Case = [string, Partial<WriteMatrixOptions>];
const cases: Case[] = [
  ["npy condensed f8", { format: "npy" }],
  ["npy condensed f4", { format: "npy", dtype: "float32" }],
  ["npy square f8", { format: "npy", square: true }],
  ["npy square f4", { format: "npy", square: true, dtype: "float32" }],
  ["npy destinations", { format: "npy", destinations }],
  ["pairs", { input: quoted }],
  ["pairs header geodesic mi", { input: quoted, header: true, metric: "geodesic", unit: "mi" }],
  ["pairs destinations precision 3", { input: quoted, destinations, precision: 3 }],
  ["matrix", { input: quoted, format: "matrix" }],
  ["matrix destinations", { input: quoted, format: "matrix", destinations }],
  ["json", { format: "json", metric: "equirectangular" }],
  ["json destinations", { format: "json", destinations }],
];

let file = 0;
const path = (ext: string) => join(dir, `f${file++}.${ext}`);
const ext = (o: Partial<WriteMatrixOptions>) =>
  o.format === "npy" ? "npy" : o.format === "json" ? "json" : "csv";

/** Shards a run into K parts (written in reverse), merges them (given shuffled). */
async function roundTrip(
  options: Partial<WriteMatrixOptions>,
  K: number,
  executor: ExecutorName = "sequential",
): Promise<{ whole: Buffer; merged: Buffer; mergedPath: string; parts: string[] }> {
  const base = { input: places, executor, threads: 2, tileValues: 29, ...options };
  const wholePath = path(ext(options));
  await writeMatrix({ ...base, output: wholePath });
  const parts: string[] = [];
  for (let k = K; k >= 1; k--) {
    const out = path(ext(options));
    const result = await writeShard({ ...base, output: out, shard: { index: k, count: K } });
    expect(result.part.k).toBe(k);
    expect(result.part.K).toBe(K);
    expect(result.values).toBe(result.part.values[1]);
    parts.push(out);
  }
  const mergedPath = path(ext(options));
  const shuffled = parts.map((p, i) => [(i * 7) % parts.length, p] as const).sort();
  const merged = await mergeShards({ parts: shuffled.map(([, p]) => p), output: mergedPath });
  expect(merged.parts).toBe(K);
  return {
    whole: readFileSync(wholePath),
    merged: readFileSync(mergedPath),
    mergedPath,
    parts: [...parts].reverse(),
  };
}

// Generous: the test machine's 2 cores are shared (worker start-up dominates here).
describe("shard and merge: the bytes of a one-machine run", { timeout: 120_000 }, () => {
  it.each(cases)("%s, K = 1 and 4", async (_name, options) => {
    for (const K of [1, 4]) {
      const { whole, merged } = await roundTrip(options, K);
      expect(merged.length).toBe(whole.length);
      expect(Buffer.compare(merged, whole)).toBe(0);
    }
  });

  it.each([cases[0]!, cases[3]!, cases[6]!, cases[11]!])(
    "%s, K = 60 (more slices than rows: empty parts)",
    async (_name, options) => {
      const { whole, merged } = await roundTrip(options, 60);
      expect(Buffer.compare(merged, whole)).toBe(0);
    },
  );

  it.each<[ExecutorName, string, Partial<WriteMatrixOptions>]>([
    ["shared", "npy", { format: "npy" }],
    ["shared", "npy square f4", { format: "npy", square: true, dtype: "float32" }],
    ["shared", "json", { format: "json" }],
    ["thread-pool", "npy destinations", { format: "npy", destinations }],
    ["async", "pairs", { input: quoted, format: "pairs" }],
    // A file input with `async` streams it in writeMatrix; a slice takes the usual path.
    [
      "async",
      "pairs from a file",
      { input: fileURLToPath(new URL("../../../examples/world-cities.csv", import.meta.url)) },
    ],
  ])("%s executor, %s", async (executor, _label, options) => {
    const { whole, merged } = await roundTrip(options, 3, executor);
    expect(Buffer.compare(merged, whole)).toBe(0);
  });

  it("writes the same part twice over (deterministic), and leaves no temp file", async () => {
    const a = path("npy");
    const b = path("npy");
    await writeShard({ input: places, format: "npy", output: a, shard: { index: 2, count: 3 } });
    await writeShard({
      input: places,
      format: "npy",
      output: b,
      executor: "shared",
      threads: 2,
      shard: { index: 2, count: 3 },
    });
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a CSV part is the slice's rows, then one #dmx-part line", async () => {
    const { parts } = await roundTrip({ input: quoted, header: true }, 3);
    const lines = readFileSync(parts[1]!, "utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.at(-2)).toMatch(/^#dmx-part \{"v":1,"run":"[0-9a-f]{24}","k":2,"K":3,/);
    expect(lines[0]).not.toBe("origin,destination,distance");
    expect(readFileSync(parts[0]!, "utf8").startsWith("origin,destination,distance\n")).toBe(true);
  });
});

const numpy = (() => {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(numpy)("numpy", { timeout: 120_000 }, () => {
  it("loads a part and the merged file, and the part is its slice of the whole", async () => {
    const c = await roundTrip({ format: "npy" }, 4);
    const s = await roundTrip({ format: "npy", square: true, dtype: "float32" }, 4);
    const script = [
      "import sys, numpy as np",
      "c1, cm, s1, sm = (np.load(p) for p in sys.argv[1:5])",
      "r0, r1 = [int(x) for x in sys.argv[5:7]]",
      "o0 = int(sys.argv[7])",
      "print(c1.dtype, c1.shape, cm.shape, bool((cm[o0:o0 + c1.shape[0]] == c1).all()))",
      "print(s1.dtype, s1.shape, sm.shape, bool((sm[r0:r1] == s1).all()))",
    ].join("\n");
    const cPart = await writeShard({
      input: places,
      format: "npy",
      output: path("npy"),
      shard: { index: 2, count: 4 },
    });
    const sPart = await writeShard({
      input: places,
      format: "npy",
      square: true,
      dtype: "float32",
      output: path("npy"),
      shard: { index: 2, count: 4 },
    });
    const out = execFileSync(
      "python3",
      [
        "-c",
        script,
        cPart.outputPath!,
        c.mergedPath,
        sPart.outputPath!,
        s.mergedPath,
        String(sPart.part.rows[0]),
        String(sPart.part.rows[1]),
        String(cPart.part.values[0]),
      ],
      { encoding: "utf8" },
    );
    const [rows0, rows1] = sPart.part.rows;
    expect(out.trim().split("\n")).toEqual([
      `float64 (${cPart.part.values[1]},) (1225,) True`,
      `float32 (${rows1 - rows0}, 50) (50, 50) True`,
    ]);
  });
});
