import { execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, buildCliIfMissing } from "./_cli.ts";
import { dmx, sample } from "./_compute.ts";

// Output targets that are not a plain new file: devices, FIFOs, sockets, symlinks, existing
// files with their own mode, directories, a full disk, a failed rename. Node only (mknod,
// mkfifo, mount and chattr through the shell). We run as root in CI: no test may write to
// the real /dev/full, and the real /dev/null is used only after the same code path was
// shown to write into a device node of our own (made with mknod).

const dir = mkdtempSync(join(tmpdir(), "dmx-output-targets-"));
const root = process.getuid?.() === 0;
const ci = !!process.env.CI;
let reference = "";
let big = "";

beforeAll(async () => {
  await buildCliIfMissing();
  reference = (await dmx(["compute", sample, "-o", "-", "--quiet"])).stdout;
  big = join(dir, "big.csv");
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++)
    lines.push(`p${i},${((i * 37) % 1780) / 10 - 89},${((i * 53) % 3580) / 10 - 179}`);
  writeFileSync(big, `${lines.join("\n")}\n`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a shell command; false when it fails (not permitted here). */
function sh(command: string): boolean {
  try {
    execFileSync("sh", ["-c", command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Skips with a printed note, except where the setup must work (CI as root). */
function cannot(what: string): void {
  if (ci && root) throw new Error(`${what} must work in CI as root`);
  console.warn(`skipped: ${what} is not permitted here`);
}

/** Files in `folder` (and below, one level) whose names end in `.tmp`. */
function temps(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.endsWith(".tmp")) out.push(join(folder, entry.name));
    else if (entry.isDirectory() && !entry.name.startsWith("mnt"))
      for (const f of readdirSync(join(folder, entry.name)))
        if (f.endsWith(".tmp")) out.push(join(folder, entry.name, f));
  }
  return out;
}

const oneLine = (stderr: string) => stderr.trim().split("\n");

describe("device, FIFO and socket targets are written directly", () => {
  let nodesWork = false;

  it("a null device node of our own: exit 0, still a character device", async () => {
    const node = join(dir, "null");
    if (!sh(`mknod '${node}' c 1 3`)) return cannot("mknod");
    const r = await dmx(["compute", sample, "-o", node, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(statSync(node).isCharacterDevice()).toBe(true);
    expect(temps(dir)).toEqual([]);
    nodesWork = true;
  });

  it("a full device node of our own: one line, exit 1, still a character device", async () => {
    const node = join(dir, "full");
    if (!sh(`mknod '${node}' c 1 7`)) return cannot("mknod");
    for (const format of ["pairs", "npy"]) {
      const r = await dmx(["compute", sample, "--format", format, "-o", node]);
      expect(oneLine(r.stderr)).toEqual([
        `dmx compute: cannot write ${node}: no space left on device (ENOSPC)`,
      ]);
      expect(r.code).toBe(1);
      expect(statSync(node).isCharacterDevice()).toBe(true);
    }
    expect(temps(dir)).toEqual([]);
  });

  it("the real /dev/null, once the path above is shown to work", async () => {
    if (!nodesWork) return cannot("the device-node case above");
    const r = await dmx(["compute", sample, "--format", "npy", "-o", "/dev/null", "--quiet"]);
    expect(r.code).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
    expect(readdirSync("/dev").filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // The summary names the path as given, not as a climb out of the working folder.
    const loud = await dmx(["compute", sample, "-o", "/dev/null"]);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/^Wrote \/dev\/null: /m);
  });

  it("-o /dev/stdout writes to stdout (also only after the device-node case)", async () => {
    if (!nodesWork) return cannot("the device-node case above");
    const r = await dmx(["compute", sample, "-o", "/dev/stdout", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(reference);
    expect(readdirSync("/dev").filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a FIFO: the reader gets the output, the FIFO stays", async () => {
    const fifo = join(dir, "fifo");
    if (!sh(`mkfifo '${fifo}'`)) return cannot("mkfifo");
    const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "inherit"] });
    let got = "";
    reader.stdout.on("data", (d) => {
      got += d;
    });
    const closed = new Promise((resolve) => reader.on("close", resolve));
    const r = await dmx(["compute", sample, "-o", fifo, "--quiet"]);
    if (r.code !== 0) reader.kill();
    await closed;
    expect(r.code).toBe(0);
    expect(got).toBe(reference);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("a Unix socket: the listener gets the output, the socket file stays", async () => {
    const path = join(dir, "sock");
    let got = "";
    const server = createServer((c) =>
      c.on("data", (d) => {
        got += d;
      }),
    );
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const r = await dmx(["compute", sample, "-o", path, "--quiet"]);
      expect(r.code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(got).toBe(reference);
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it("-o - with stdout on a full device: one line, exit 1", async () => {
    const node = join(dir, "full2");
    const device = sh(`mknod '${node}' c 1 7`) ? node : "/dev/full";
    const fd = openSync(device, "w"); // opening does not replace it
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, "compute", sample, "-o", "-"], {
          stdio: ["ignore", fd, "pipe"],
        });
        let stderr = "";
        child.stderr?.on("data", (d) => {
          stderr += d;
        });
        child.on("close", (code) => resolve({ code, stderr }));
      });
      expect(oneLine(r.stderr)).toEqual([
        "dmx compute: cannot write stdout: no space left on device (ENOSPC)",
      ]);
      expect(r.code).toBe(1);
    } finally {
      closeSync(fd);
    }
  });
});

describe("files that exist keep what they are", () => {
  it("a symlink is written through: the link stays, the file it names is replaced", async () => {
    mkdirSync(join(dir, "real"));
    const real = join(dir, "real", "out.csv");
    writeFileSync(real, "old\n");
    const link = join(dir, "link.csv");
    symlinkSync(real, link);
    const r = await dmx(["compute", sample, "-o", link, "--quiet"]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, "utf8")).toBe(reference);
    expect(temps(dir)).toEqual([]);
  });

  it("a dangling symlink: the file it names is created", async () => {
    const real = join(dir, "real", "new.csv");
    const link = join(dir, "dangling.csv");
    symlinkSync(real, link);
    const r = await dmx(["compute", sample, "-o", link, "--quiet"]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe(reference);
  });

  it("an existing 600 file stays 600", async () => {
    const path = join(dir, "private.csv");
    writeFileSync(path, "old\n", { mode: 0o600 });
    const r = await dmx(["compute", sample, "-o", path, "--quiet"]);
    expect(r.code).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe(reference);
  });
});

describe("a target that cannot be written: one line, nothing left behind", () => {
  it("-o DIR: exit 2, is a directory, no temp file", async () => {
    const out = join(dir, "outdir");
    mkdirSync(out);
    const r = await dmx(["compute", big, "--format", "npy", "-o", out]);
    expect(oneLine(r.stderr)).toEqual([`dmx compute: cannot write ${out}: is a directory`]);
    expect(r.code).toBe(2);
    expect(temps(dir)).toEqual([]);
  });

  it("-o newdir/: exit 2, is a directory, nothing created", async () => {
    const out = join(dir, "newdir/");
    const r = await dmx(["compute", sample, "-o", out]);
    expect(oneLine(r.stderr)).toEqual([`dmx compute: cannot write ${out}: is a directory`]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "newdir"))).toBe(false);
  });

  it("EPERM on rename (an immutable target): one line, exit 1, no temp file", async () => {
    const path = join(dir, "immutable.csv");
    writeFileSync(path, "old\n");
    if (!sh(`chattr +i '${path}'`)) return cannot("chattr +i");
    try {
      const r = await dmx(["compute", sample, "-o", path]);
      expect(oneLine(r.stderr)).toEqual([
        `dmx compute: cannot write ${path}: operation not permitted (EPERM)`,
      ]);
      expect(r.code).toBe(1);
      expect(readFileSync(path, "utf8")).toBe("old\n");
      expect(temps(dir)).toEqual([]);
    } finally {
      sh(`chattr -i '${path}'`);
    }
  });

  it("a full disk (2 MB tmpfs): one line, exit 1, nothing left, for CSV and npy", async () => {
    const mnt = join(dir, "mnt");
    mkdirSync(mnt);
    if (!sh(`mount -t tmpfs -o size=2m tmpfs '${mnt}'`)) return cannot("mount -t tmpfs");
    try {
      for (const [format, name] of [
        ["pairs", "out.csv"],
        ["npy", "out.npy"],
        ["matrix", "m.csv"],
      ] as const) {
        for (const executor of ["sequential", "shared", "async"]) {
          const out = join(mnt, name);
          const r = await dmx([
            "compute",
            big,
            "--format",
            format,
            "--executor",
            executor,
            "-o",
            out,
          ]);
          expect(oneLine(r.stderr)).toEqual([
            `dmx compute: cannot write ${out}: no space left on device (ENOSPC)`,
          ]);
          expect(r.code).toBe(1);
          expect(readdirSync(mnt)).toEqual([]);
        }
      }
    } finally {
      sh(`umount '${mnt}'`);
    }
  }, 120_000);
});
