// The CLI conventions every command shares, checked on the built CLI as a user runs it.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const sample = join(root, "examples/world-cities.csv");
const dir = mkdtempSync(join(tmpdir(), "dmx-conventions-"));
const dmx = (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) =>
  runCli(args, { cwd: dir, ...options });

beforeAll(buildCliIfMissing, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("usage errors: one line, exit 2, nothing on stdout", () => {
  it.each([
    [
      ["compute", sample, "--frobnicate"],
      "dmx compute: unknown option --frobnicate (did you mean --format?); see dmx compute --help",
    ],
    [["comptue", sample], 'dmx: unknown command "comptue" (did you mean compute?); see dmx --help'],
    [
      ["compute", sample, "--threads", "-1"],
      'dmx compute: --threads must be an integer from 1 to 256; got "-1"',
    ],
    [
      ["compute", sample, "--threads", "0x10"],
      'dmx compute: --threads must be an integer from 1 to 256; got "0x10"',
    ],
    [
      ["iot", "run", "sleep", "--latency", "-5"],
      'dmx iot: --latency must be a number from 0 to 3600000; got "-5"',
    ],
    [
      ["bench", "--threads", "-2"],
      'dmx bench: --threads must be an integer from 1 to 256; got "-2"',
    ],
    [
      ["demo", "event-loop", "--ms", "-5"],
      'dmx demo: --ms must be an integer from 1 to 60000; got "-5"',
    ],
    [
      ["bench", "--json", "results.json"],
      'dmx bench: unexpected argument "results.json" (--json takes no value: --json -o results.json)',
    ],
    [["--verison"], "dmx: unknown option --verison (did you mean --version?); see dmx --help"],
    [
      ["iot", "rnu", "sleep"],
      'dmx iot: unknown subcommand "rnu" (did you mean run?); see dmx iot --help',
    ],
    [
      ["compute", sample, "--json", "--format", "npy"],
      "dmx compute: --json writes JSON; it cannot be combined with --format npy",
    ],
  ])("dmx %j", async (args, line) => {
    const r = await dmx(args);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});

describe("-o, --json, -q and --help mean the same in every command", () => {
  it.each(["compute", "bench", "iot", "demo"])("dmx %s --help", async (command) => {
    const r = await dmx([command, "--help"]);
    expect(r.code).toBe(0);
    for (const option of ["-o, --output PATH", "--json", "-q, --quiet", "-h, --help"]) {
      expect(r.stdout).toContain(option);
    }
  });

  it("compute: -q is quiet, --json writes JSON, -o - is stdout", async () => {
    const r = await dmx(["compute", sample, "-q", "--json", "-o", "-"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).names).toHaveLength(56);
  });

  it("iot, demo and bench: --json -q -o FILE writes the JSON to the file only", async () => {
    const runs: [string, string[], string][] = [
      ["iot.json", ["iot", "run", "wake-up", "--latency", "1"], "steps"],
      ["demo.json", ["demo", "event-loop", "--tasks", "1", "--ms", "5"], "sleepMs"],
      ["bench.json", ["bench", "--sizes", "20", "--repeat", "1", "-e", "sequential"], "results"],
    ];
    for (const [file, args, key] of runs) {
      const r = await dmx([...args, "--json", "-q", "-o", file]);
      expect(r.code).toBe(0);
      if (file !== "bench.json") expect(r.stdout).toBe("");
      expect(JSON.parse(readFileSync(join(dir, file), "utf8"))).toHaveProperty(key);
    }
  }, 60_000);

  it("an -o that is a directory is one line, exit 2", async () => {
    const r = await dmx(["iot", "run", "wake-up", "--latency", "1", "-q", "-o", "."]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("dmx iot: cannot write .: it is a directory\n");
  });
});

describe("relative paths resolve where the user ran dmx", () => {
  it("started by pnpm's dmx script at the root: INIT_CWD", async () => {
    const here = mkdtempSync(join(dir, "here-"));
    copyFileSync(sample, join(here, "cities.csv"));
    const env = {
      npm_lifecycle_event: "dmx",
      npm_package_json: join(root, "package.json"),
      INIT_CWD: here,
    };
    const r = await dmx(["compute", "cities.csv"], { cwd: root, env });
    expect(r.stderr).toContain("Wrote output.csv: 1540 distances");
    expect(r.code).toBe(0);
    expect(existsSync(join(here, "output.csv"))).toBe(true);
  });

  const pnpm = process.env.npm_execpath;
  it.runIf(pnpm?.includes("pnpm"))(
    "`cd examples && pnpm -s dmx compute world-cities.csv -o -` (real pnpm)",
    async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
      for (const key of Object.keys(env)) if (/^npm_|^INIT_CWD$/.test(key)) delete env[key];
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [pnpm!, "-s", "dmx", "compute", "world-cities.csv", "-q", "-o", "-"],
        { cwd: join(root, "examples"), env, encoding: "utf8" },
      );
      expect(stdout.split("\n")).toHaveLength(1541);
    },
    60_000,
  );
});

describe("the default output beside the input", () => {
  it("is replaced with a note on stderr (not with -q, not with -o)", async () => {
    const here = mkdtempSync(join(dir, "replace-"));
    copyFileSync(sample, join(here, "in.csv"));
    const first = await dmx(["compute", "in.csv"], { cwd: here });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain("replaced");
    writeFileSync(join(here, "output.csv"), "old\n");
    const second = await dmx(["compute", "in.csv"], { cwd: here });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(
      "note: replaced the existing output.csv (-o PATH writes elsewhere)\n",
    );
    expect(readFileSync(join(here, "output.csv"), "utf8")).not.toBe("old\n");
    expect((await dmx(["compute", "in.csv", "-q"], { cwd: here })).stderr).toBe("");
    const explicit = await dmx(["compute", "in.csv", "-o", "output.csv"], { cwd: here });
    expect(explicit.stderr).not.toContain("replaced");
  });
});

describe("pair order", () => {
  it("pairs and json differ as --help says: for each j, i < j; for each i, j > i", async () => {
    const input = join(dir, "four.csv");
    writeFileSync(input, "A,0,0\nB,0,1\nC,0,3\nD,0,6\n");
    const help = (await dmx(["compute", "--help"])).stdout;
    expect(help).toContain(
      "Two orders: pairs match the Python workshop, npy and json SciPy's pdist.",
    );
    const pairs = (await dmx(["compute", input, "-q", "-o", "-"])).stdout;
    expect(pairs.split("\n").map((l) => l.split(",").slice(0, 2).join(""))).toEqual([
      ..."AB AC BC AD BD CD".split(" "),
      "",
    ]);
    const json = JSON.parse((await dmx(["compute", input, "-q", "--json", "-o", "-"])).stdout);
    const km = (deg: number) => (deg * Math.PI * 6371.0088) / 180;
    const expected = [1, 3, 6, 2, 5, 3].map(km); // AB AC AD BC BD CD
    expect(json.distances).toHaveLength(6);
    for (const [k, d] of (json.distances as number[]).entries()) {
      expect(d).toBeCloseTo(expected[k]!, 6);
    }
  });
});
