// The built bin is a bundle (scripts/bundle.mjs): what it loads, and that it runs on its own.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const commandChunk = /\/_bundle-(compute|bench|iot|demo)-[^/]*\.js$/;

/** Distinct ES module files that `node dist/bin.js ...args` and its workers load. */
async function loadedFiles(args: readonly string[]): Promise<string[]> {
  const log = join(dir, `load-${Math.random().toString(36).slice(2)}.txt`);
  const hook = pathToFileURL(join(cliDir, "test/_load-log.mjs")).href;
  await run(process.execPath, ["--import", hook, bin, ...args], {
    cwd: cliDir,
    env: { ...process.env, DMX_LOAD_LOG: log, NO_COLOR: "1" },
  });
  return [...new Set(readFileSync(log, "utf8").trim().split("\n"))];
}

describe("node dist/bin.js: what it loads", () => {
  it.each([["--version"], ["--help"]])("%s loads no command module", async (flag) => {
    const files = await loadedFiles([flag]);
    expect(files).toContain(`${distUrl}bin.js`);
    expect(files.filter((f) => !f.startsWith(distUrl))).toEqual([]);
    expect(files.filter((f) => commandChunk.test(f) || f.includes("/commands/"))).toEqual([]);
  });

  it("--version is answered by bin.js alone", async () => {
    expect(await loadedFiles(["--version"])).toEqual([`${distUrl}bin.js`]);
  });

  it("a small sequential compute loads no built-in or package it does not use", async () => {
    // process.moduleLoadList names every Node-internal module the process loaded. Output to
    // stdout: a file output names its temp file with crypto. (net is not checked: Node loads
    // it itself for piped stdio.)
    const script = [
      "process.on('exit', () => {",
      "  const loaded = new Set(process.moduleLoadList);",
      "  const unused = ['crypto', 'worker_threads', 'child_process']",
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
    const files = await loadedFiles(["compute", sample, "--executor", "shared", "-o", out]);
    // Workspace packages, csv-parse and geographiclib are inlined: nothing from packages/ or
    // node_modules/, in the main thread or the workers.
    expect(files.filter((f) => !f.startsWith(distUrl))).toEqual([]);
    expect(files).toContain(`${distUrl}_tasks.js`);
    expect(files.filter((f) => /_bundle-(bench|iot|demo)-/.test(f))).toEqual([]);
  });
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

  it("--metric geodesic (geographiclib inlined) gives the repo's numbers", async () => {
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
