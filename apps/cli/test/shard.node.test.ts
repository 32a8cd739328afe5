import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing } from "./_cli.ts";
import { dmx, sample } from "./_compute.ts";

// `dmx compute --shard k/K` on "machines" (separate processes) + `dmx merge` give the bytes
// of one `dmx compute`; bad slices and bad part sets exit 2 with one line and no file.

const dir = mkdtempSync(join(tmpdir(), "dmx-shard-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const destinations = at("destinations.csv");

beforeAll(async () => {
  await buildCliIfMissing();
  writeFileSync(
    destinations,
    'Paris,48.8566,2.3522\n"Sydney, NSW",-33.87,151.21\nLima,-12.05,-77.04\n',
  );
});

let run = 0;
/** One-machine run, K part runs, a merge; returns the paths of the whole and merged files. */
async function roundTrip(args: string[], ext: string, K: number) {
  const id = run++;
  const whole = at(`whole-${id}.${ext}`);
  expect((await dmx(["compute", sample, ...args, "-o", whole])).code).toBe(0);
  const parts: string[] = [];
  for (let k = 1; k <= K; k++) {
    const part = at(`part-${id}-${k}.${ext}`);
    const r = await dmx(["compute", sample, ...args, "--shard", `${k}/${K}`, "-o", part]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`^Slice ${k}/${K} of run [0-9a-f]{24}: distances \\d+ to \\d+ of \\d+$`, "m"),
    );
    parts.push(part);
  }
  const merged = at(`merged-${id}.${ext}`);
  const r = await dmx(["merge", ...parts.reverse(), "-o", merged]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    new RegExp(
      `^Merged ${K} parts of run [0-9a-f]{24} into .*merged-${id}\\.${ext}: \\d+ distances`,
    ),
  );
  return { whole, merged, parts: parts.reverse() };
}

const same = (a: string, b: string) => Buffer.compare(readFileSync(a), readFileSync(b)) === 0;

describe("dmx compute --shard + dmx merge", { timeout: 180_000 }, () => {
  it.each<[string, string[], string, number]>([
    ["npy condensed f8", ["--format", "npy"], "npy", 3],
    ["npy condensed f4", ["--format", "npy", "--dtype", "float32"], "npy", 2],
    ["npy square f8", ["--format", "npy", "--square"], "npy", 2],
    ["npy square f4", ["--format", "npy", "--square", "--dtype", "float32"], "npy", 3],
    ["pairs --header", ["--header"], "csv", 3],
    ["matrix", ["--format", "matrix", "--metric", "geodesic"], "csv", 2],
    ["json", ["--format", "json", "--unit", "mi"], "json", 3],
    ["pairs --destinations", ["--destinations", destinations], "csv", 2],
    ["npy --destinations", ["--format", "npy", "--destinations", destinations], "npy", 2],
    ["json --destinations", ["--format", "json", "--destinations", destinations], "json", 2],
  ])("%s: the merged file is byte-identical to one run", async (_name, args, ext, K) => {
    const { whole, merged } = await roundTrip(args, ext, K);
    expect(same(whole, merged)).toBe(true);
  });

  const numpy = (() => {
    try {
      execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  it.runIf(numpy)("numpy loads a part and the merged file", async () => {
    const { merged, parts } = await roundTrip(["--format", "npy", "--square"], "npy", 3);
    const out = execFileSync(
      "python3",
      [
        "-c",
        "import sys, numpy as np\nps = [np.load(p) for p in sys.argv[2:]]\nm = np.load(sys.argv[1])\nprint(m.shape, [p.shape[0] for p in ps], bool((np.concatenate(ps) == m).all()))",
        merged,
        ...parts,
      ],
      { encoding: "utf8" },
    );
    const [, rows, equal] = /^\(56, 56\) \[(\d+), (?:\d+), (?:\d+)\] (True|False)$/.exec(
      out.trim(),
    )!;
    expect(Number(rows)).toBeGreaterThan(0);
    expect(equal).toBe("True");
  });
});

describe("bad slices and bad part sets: exit 2, one line, no file", { timeout: 120_000 }, () => {
  it.each(["0/4", "5/4", "1/0", "a/b", "1.5/4", "1/4/2", "-1/4", "1/1000001", "3"])(
    "--shard %s",
    async (spec) => {
      const out = at("bad.npy");
      const r = await dmx(["compute", sample, "--format", "npy", `--shard=${spec}`, "-o", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `dmx compute: --shard must be k/K with 1 <= k <= K <= 1000000 (k is 1-based: 1/4 .. 4/4); got "${spec}"\n`,
      );
      expect(existsSync(out)).toBe(false);
    },
  );

  it("merge: missing, foreign, other K, duplicate, not a part, no -o", async () => {
    const part = async (name: string, spec: string, ...args: string[]) => {
      const path = at(name);
      const r = await dmx([
        "compute",
        sample,
        "--format",
        "npy",
        ...args,
        "--shard",
        spec,
        "-o",
        path,
      ]);
      expect(r.code).toBe(0);
      return path;
    };
    const p1 = await part("m1.npy", "1/3");
    const p2 = await part("m2.npy", "2/3");
    const p3 = await part("m3.npy", "3/3");
    const foreign = await part("geo2.npy", "2/3", "--metric", "geodesic");
    const otherK = await part("k4.npy", "2/4");
    const out = at("m.npy");
    const expectRefused = async (args: string[], line: RegExp) => {
      const r = await dmx(["merge", ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")).toHaveLength(2); // one line, then the final newline
      expect(r.stderr).toMatch(line);
      expect(existsSync(out)).toBe(false);
    };
    await expectRefused(
      [p1, p3, "-o", out],
      /^dmx merge: missing slice 2\/3 of run [0-9a-f]{24}\n$/,
    );
    await expectRefused(
      [p1, foreign, p3, "-o", out],
      /^dmx merge: .*geo2\.npy is from another run than .*m1\.npy/,
    );
    await expectRefused(
      [p1, otherK, p3, "-o", out],
      /^dmx merge: .*k4\.npy is slice 2\/4 but .*m1\.npy is slice 1\/3/,
    );
    await expectRefused([p1, p2, p2, p3, "-o", out], /^dmx merge: slice 2\/3 given twice/);
    await expectRefused(
      [sample, "-o", out],
      /^dmx merge: .*world-cities\.csv: not a part of dmx compute --shard/,
    );
    await expectRefused([p1, p2, p3], /^dmx merge: -o\/--output is required/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const ok = await dmx(["merge", p3, p2, p1, "-o", out]);
    expect(ok.code).toBe(0);
  });

  it("dmx --help lists merge", async () => {
    const r = await dmx(["--help"]);
    expect(r.stdout).toMatch(/^ {2}merge +assemble the part files of `dmx compute --shard k\/K`/m);
  });
});
