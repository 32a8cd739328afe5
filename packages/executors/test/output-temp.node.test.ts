import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { writeMatrix } from "../src/index.ts";
import { openFileSink, openSink } from "../src/internal.ts";

// Temp files of file outputs (Node only: pids, signals, a child process that exits early).

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-temp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const host = hostname().replace(/[^A-Za-z0-9-]/g, "-");
const temps = (folder = dir) => readdirSync(folder).filter((f) => f.endsWith(".tmp"));

/** A pid that no process has now (a child that ran and exited). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(r.stdout);
}

const places = {
  names: ["a", "b", "c"],
  lat: new Float64Array([0, 10, 20]),
  lon: new Float64Array([0, 10, 20]),
};

describe("temp file names carry the host and the pid", () => {
  it(".<name>.<host>.<pid>.<hex>.tmp", async () => {
    const path = join(dir, "named.csv");
    const sink = await openFileSink(path);
    const [temp] = temps();
    expect(temp).toMatch(
      new RegExp(`^\\.named\\.csv\\.${host}\\.${process.pid}\\.[0-9a-f]+\\.tmp$`),
    );
    await sink.abort();
    expect(temps()).toEqual([]);
  });
});

describe("stale temp files of killed runs", () => {
  it("a later run to the same target removes those whose owner is gone here, and says so", async () => {
    const folder = join(dir, "stale");
    mkdirSync(folder);
    const dead = deadPid();
    const stale = `.out.csv.${host}.${dead}.0123456789ab.tmp`;
    const live = `.out.csv.${host}.${process.ppid}.0123456789ab.tmp`; // our parent is alive
    const elsewhere = `.out.csv.other-host.${dead}.0123456789ab.tmp`;
    const otherTarget = `.other.csv.${host}.${dead}.0123456789ab.tmp`;
    for (const f of [stale, live, elsewhere, otherTarget]) writeFileSync(join(folder, f), "x");
    const warnings: string[] = [];
    await writeMatrix({
      input: places,
      output: join(folder, "out.csv"),
      onWarning: (m) => warnings.push(m),
    });
    expect(temps(folder).sort()).toEqual([live, elsewhere, otherTarget].sort());
    expect(warnings).toEqual([
      `removed ${join(folder, stale)}: a temp file left by a run (pid ${dead}) that was killed`,
    ]);
  });
});

describe("a failed commit leaves no temp file and names the target", () => {
  it("rename onto a directory that appeared meanwhile: OUTPUT_FAILED, no temp file", async () => {
    const path = join(dir, "became-dir");
    const sink = await openFileSink(path);
    await sink.write(new Uint8Array(1000));
    mkdirSync(path);
    writeFileSync(join(path, "x"), "x"); // a non-empty directory: rename fails
    const error = await sink.commit().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "OUTPUT_FAILED" });
    expect((error as Error).message).toMatch(new RegExp(`^cannot write ${path}: `));
    expect((error as Error).message).not.toContain(".tmp");
    expect(temps()).toEqual([]);
  });

  it("a directory target is refused before anything is written (OUTPUT_IS_DIRECTORY)", async () => {
    const path = join(dir, "a-dir");
    mkdirSync(path);
    for (const output of [path, `${path}/`, join(dir, "not-yet/")]) {
      await expect(writeMatrix({ input: places, output })).rejects.toMatchObject({
        code: "OUTPUT_IS_DIRECTORY",
        message: `cannot write ${output}: is a directory`,
      });
    }
    expect(temps()).toEqual([]);
    expect(existsSync(join(dir, "not-yet"))).toBe(false);
  });
});

describe("what an existing target is", () => {
  it("a symlink stays a symlink; the file it names keeps its mode", async () => {
    const real = join(dir, "real.csv");
    writeFileSync(real, "old", { mode: 0o640 });
    const link = join(dir, "link.csv");
    symlinkSync(real, link);
    await writeMatrix({ input: places, output: link });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(readFileSync(real, "utf8")).toMatch(/^a,b,/);
  });

  it("a FIFO gets a direct sink: no temp file, no fd for positional writes", async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = import("node:fs/promises").then((fs) => fs.readFile(fifo, "utf8"));
    const sink = await openSink(fifo);
    expect("fd" in sink).toBe(false);
    expect(temps()).toEqual([]);
    await sink.write(new TextEncoder().encode("hello\n"));
    await sink.commit();
    expect(await reader).toBe("hello\n");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe("the exit listener", () => {
  it("deletes the temp file when the process exits before commit (a second Ctrl-C)", () => {
    const src = fileURLToPath(new URL("../src/internal.ts", import.meta.url));
    const target = join(dir, "exit.csv");
    const script = `
      import { openFileSink } from ${JSON.stringify(src)};
      const sink = await openFileSink(${JSON.stringify(target)});
      await sink.write(new Uint8Array(10));
      process.exit(130);
    `;
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
        cwd: fileURLToPath(new URL("..", import.meta.url)),
      },
    );
    expect(r.status, r.stderr).toBe(130);
    expect(temps()).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });
});
