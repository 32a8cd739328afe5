// The built bin is a bundle (scripts/bundle.mjs): what it loads, and that it runs on its own.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { executorNames } from "@dmx/executors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, buildCliIfMissing, cliDir, runCli } from "./_cli.ts";
import { sample } from "./_compute.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "dmx-bundle-test-"));
beforeAll(buildCliIfMissing, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const distUrl = pathToFileURL(join(cliDir, "dist/")).href;
/** The bundle's CommonJS files a run may read, by what needs them (scripts/bundle.mjs). */
const lateFiles = ["_cli-cluster.cjs", "_geographiclib.cjs", "_csv-parse.cjs", "_workerpool.cjs"];

/**
 * Distinct code files (not code caches) that `node <entry> ...args` and its workers load;
 * `entry` is the package's bin unless given.
 */
async function loadedFiles(args: readonly string[], entry = bin): Promise<string[]> {
  const log = join(dir, `load-${Math.random().toString(36).slice(2)}.txt`);
  const hook = pathToFileURL(join(cliDir, "test/_load-log.mjs")).href;
  await run(process.execPath, ["--import", hook, entry, ...args], {
    cwd: cliDir,
    env: { ...process.env, DMX_LOAD_LOG: log, NO_COLOR: "1" },
  });
  const lines = readFileSync(log, "utf8").trim().split("\n");
  return [...new Set(lines.filter((line) => !line.endsWith(".cache")))];
}

/** Places without quotes: csv-parse (for quoted CSV) is not needed to read them. */
const plain = join(dir, "plain.csv");
writeFileSync(plain, "name,lat,lon\nBoston,42.36,-71.06\nOslo,59.91,10.75\nLima,-12.05,-77.04\n");

/** The files of `files` in dist/, by name. */
const inDist = (files: readonly string[]) =>
  files.filter((f) => f.startsWith(distUrl)).map((f) => f.slice(distUrl.length));

describe("node dist/dmx.cjs: what it loads", () => {
  it("the package's bin is dist/dmx.cjs, and dist/bin.js runs it", async () => {
    const pkg = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8"));
    expect(join(cliDir, pkg.bin.dmx)).toBe(bin);
    const files = inDist(await loadedFiles(["--help"], join(cliDir, "dist/bin.js")));
    expect(files).toContain("bin.js");
    expect(files).toContain("dmx.cjs");
    expect(files).toContain("_cli.cjs");
  });

  it("--version is answered by dmx.cjs alone", async () => {
    expect(await loadedFiles(["--version"])).toEqual([`${distUrl}dmx.cjs`]);
  });

  it("--help reads dmx.cjs and _cli.cjs only", async () => {
    const files = await loadedFiles(["--help"]);
    expect(files.filter((f) => !f.startsWith(distUrl))).toEqual([]);
    expect(inDist(files).sort()).toEqual(["_cli.cjs", "dmx.cjs"]);
  });

  it("a small sequential compute loads no built-in or package it does not use", async () => {
    // process.moduleLoadList names every Node-internal module the process loaded. Output to
    // stdout: a file output names its temp file with crypto and opens it with fs/promises.
    // (net is not checked: Node loads it itself for piped stdio.)
    const script = [
      "process.on('exit', () => {",
      "  const loaded = new Set(process.moduleLoadList);",
      "  const unused = ['crypto', 'worker_threads', 'child_process', 'fs/promises', 'internal/fs/streams']",
      "    .filter((m) => loaded.has('NativeModule ' + m));",
      "  process.stderr.write('UNUSED-LOADED ' + JSON.stringify(unused) + '\\n');",
      "});",
    ].join("\n");
    const preload = join(dir, "module-list.cjs");
    writeFileSync(preload, script);
    const r = await run(process.execPath, ["-r", preload, bin, "compute", sample, "-o", "-"], {
      cwd: cliDir,
      env: { ...process.env, NO_COLOR: "1" },
      encoding: "utf8",
    });
    expect(r.stderr).toContain("sequential (1 thread)");
    expect(r.stderr).toContain("UNUSED-LOADED []");
  });

  it("compute loads only dist/ files, its workers the bundled task module", async () => {
    const out = join(dir, "loads.csv");
    const files = await loadedFiles(["compute", plain, "--executor", "shared", "-o", out]);
    // Workspace packages, csv-parse and geographiclib are inlined: nothing from packages/ or
    // node_modules/, in the main thread or the workers.
    expect(files.filter((f) => !f.startsWith(distUrl))).toEqual([]);
    expect(inDist(files)).toContain("_tasks.js");
    expect(inDist(files).filter((f) => lateFiles.includes(f))).toEqual([]);
  });

  it.each([
    ["--metric geodesic", "_geographiclib.cjs", ["--metric", "geodesic"]],
    ["--executor workerpool", "_workerpool.cjs", ["--executor", "workerpool", "--threads", "2"]],
  ])("%s loads %s", async (_, file, extra) => {
    const files = inDist(
      await loadedFiles(["compute", plain, ...extra, "-o", join(dir, "late.csv")]),
    );
    expect(files.filter((f) => lateFiles.includes(f))).toEqual([file]);
  });

  it("a CSV with quotes loads _csv-parse.cjs", async () => {
    const quoted = join(dir, "quoted.csv");
    writeFileSync(quoted, 'name,lat,lon\n"Paris, France",48.85,2.35\n"Oslo",59.91,10.75\n');
    const files = inDist(await loadedFiles(["compute", quoted, "-o", join(dir, "quoted-out.csv")]));
    expect(files.filter((f) => lateFiles.includes(f))).toEqual(["_csv-parse.cjs"]);
  });
});

describe("the code caches the build wrote", () => {
  // A plain `node` (as users run dmx) compiles each file with its cache, which V8 checks
  // against its version, flags and the source: rejected, it would compile as if there were none.
  it.each(["_cli.cjs", "_cli-cluster.cjs", "_csv-parse.cjs"])(
    "V8 accepts the cache of %s",
    async (file) => {
      const script = [
        `const { codeCacheFile, compileBundle } = await import(${JSON.stringify(pathToFileURL(join(cliDir, "dist/_load-bundle.js")).href)});`,
        "const { readFileSync } = await import('node:fs');",
        `const file = ${JSON.stringify(join(cliDir, "dist", file))};`,
        "const script = compileBundle(file, readFileSync(codeCacheFile(file)));",
        "console.log(JSON.stringify({ rejected: script.cachedDataRejected }));",
      ].join("\n");
      const r = await run(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
      });
      expect(JSON.parse(r.stdout)).toEqual({ rejected: false });
    },
  );

  it("without them (another Node, NODE_DISABLE_COMPILE_CACHE) dmx writes the same bytes", async () => {
    const args = ["compute", sample, "--format", "json", "-o", "-"];
    const cached = await runCli(args);
    const uncached = await runCli(args, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } });
    expect(cached.code, cached.stderr).toBe(0);
    expect(uncached.stdout).toBe(cached.stdout);
  });
});

it("a bundle file edited after its cache was made runs the edit (V8 checks only the length)", async () => {
  // A same-length edit, as patch-package or a hand fix in node_modules would make, in code the
  // build's training run compiled into the cache: were the cache used, V8 would run the old
  // bytecode and print the old text.
  const edited = join(dir, "edited");
  cpSync(join(cliDir, "dist"), edited, { recursive: true, preserveTimestamps: true });
  const file = join(edited, "_cli.cjs");
  const text = readFileSync(file, "utf8");
  expect(text).toContain("Calc time: ");
  writeFileSync(file, text.replace("Calc time: ", "CALC time: "));
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
  const r = await run(process.execPath, [join(edited, "dmx.cjs"), "compute", plain, "-o", "-"], {
    encoding: "utf8",
  });
  expect(r.stderr).toContain("CALC time: ");
});

describe("a copy of dist/ outside the repository (no workspace, no node_modules)", () => {
  const copy = join(dir, "dmx");
  beforeAll(() => {
    cpSync(join(cliDir, "dist"), join(copy, "dist"), { recursive: true });
    cpSync(join(cliDir, "package.json"), join(copy, "package.json"));
  });
  const copied = (args: readonly string[]) =>
    run(process.execPath, [join(copy, "dist/bin.js"), ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });

  it("prints the package's version", async () => {
    const pkg = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8"));
    expect((await copied(["--version"])).stdout).toBe(`${pkg.version}\n`);
  });

  it("every executor starts its workers or children and writes the same bytes as the repo's bin", async () => {
    const reference = await runCli(["compute", sample, "--executor", "sequential", "-o", "-"]);
    expect(reference.code, reference.stderr).toBe(0);
    for (const executor of executorNames) {
      const r = await copied([
        "compute",
        sample,
        "--executor",
        executor,
        "--threads",
        "2",
        "-o",
        "-",
      ]);
      expect(r.stdout, executor).toBe(reference.stdout);
    }
  }, 120_000);

  it("--metric geodesic (geographiclib in a file of its own) gives the repo's numbers", async () => {
    const args = ["compute", sample, "--metric", "geodesic", "--format", "json", "-o", "-"];
    const reference = await runCli(args);
    expect(reference.code, reference.stderr).toBe(0);
    expect((await copied(args)).stdout).toBe(reference.stdout);
  });

  it("demo event-loop starts its worker task module", async () => {
    const args = ["demo", "event-loop", "--tasks", "2", "--ms", "5", "--threads", "2", "--json"];
    const report = JSON.parse((await copied(args)).stdout);
    expect(report).toMatchObject({ tasks: 2, ms: 5, threads: 2 });
    expect(report.workersBusyMs).toBeGreaterThan(0);
  });
});
