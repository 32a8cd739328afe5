import {
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExecutorError, writeMatrix } from "../src/index.ts";
import { checkNotInput, openFileSink } from "../src/internal.ts";
import { table } from "./_helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const places = table([
  ["a", 0, 0],
  ["b", 10, 10],
  ["c", -20, 30],
  ["d", 45, -120],
]);

function csvFile(name: string, rows = 40): string {
  const path = join(dir, name);
  const lines = ["name,latitude,longitude"];
  for (let i = 0; i < rows; i++)
    lines.push(`p${i},${((i * 7) % 180) - 90},${((i * 13) % 360) - 180}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("openFileSink", () => {
  it("writes to a temp file and renames it into place on commit", async () => {
    const path = join(dir, "atomic.bin");
    const sink = await openFileSink(path);
    await sink.write(new Uint8Array([1, 2, 3]));
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith(".atomic.bin.") && f.endsWith(".tmp"))).toBe(
      true,
    );
    await sink.commit();
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("abort leaves the previous file untouched and no temp file", async () => {
    const path = join(dir, "keep.txt");
    writeFileSync(path, "previous");
    const sink = await openFileSink(path);
    await sink.write(new TextEncoder().encode("half"));
    await sink.abort();
    expect(readFileSync(path, "utf8")).toBe("previous");
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
  });
});

describe("refusing to overwrite the input", () => {
  it("same path, relative or through a symlink or a hard link", () => {
    const input = csvFile("in.csv", 3);
    const link = join(dir, "link.csv");
    const hard = join(dir, "hard.csv");
    symlinkSync(input, link);
    linkSync(input, hard);
    for (const output of [input, join(dir, ".", "in.csv"), link, hard]) {
      expect(() => checkNotInput(output, [input])).toThrow(ExecutorError);
    }
    expect(() => checkNotInput(join(dir, "other.csv"), [input])).not.toThrow();
  });

  it("writeMatrix rejects with OUTPUT_IS_INPUT and leaves the input as it was", async () => {
    const input = csvFile("self.csv", 3);
    const before = readFileSync(input, "utf8");
    await expect(writeMatrix({ input, output: input })).rejects.toMatchObject({
      code: "OUTPUT_IS_INPUT",
    });
    expect(readFileSync(input, "utf8")).toBe(before);
  });
});

describe("aborting a run", () => {
  it.each(["sequential", "async", "shared"] as const)(
    "%s: rejects, leaves no output and no temp file",
    async (executor) => {
      const input = csvFile(`abort-${executor}.csv`, 60);
      const output = join(dir, `abort-${executor}.out.csv`);
      const controller = new AbortController();
      // Aborts when the first tile is written, so the run is mid-way whatever the machine's
      // speed (1,770 values in tiles of 100: the first progress report is never the last).
      const run = writeMatrix({
        input,
        output,
        executor,
        threads: 2,
        tileValues: 100,
        signal: controller.signal,
        onProgress: () => controller.abort(new Error("stop")),
      });
      await expect(run).rejects.toThrow("stop");
      expect(existsSync(output)).toBe(false);
      expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    },
  );
});

describe("options", () => {
  const refused: [object, string][] = [
    [{ format: "pairs", dtype: "float32" }, "--dtype"],
    [{ format: "json", square: true }, "--square"],
    [{ format: "npy", header: true }, "--header"],
    [{ format: "npy", precision: 3 }, "--precision"],
    [{ format: "pairs", precision: 1.5 }, "precision"],
    [{ format: "csv" }, "format must be one of"],
  ];
  it.each(refused)("%o is refused (%s)", async (options, message) => {
    const out = join(dir, "never.csv");
    await expect(writeMatrix({ input: places, output: out, ...options })).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });

  it("bad threads", async () => {
    await expect(
      writeMatrix({ input: places, output: join(dir, "t.csv"), threads: 0 }),
    ).rejects.toMatchObject({
      code: "BAD_OPTION",
    });
  });

  it("--precision fixes the digits", async () => {
    const out = join(dir, "fixed.csv");
    await writeMatrix({ input: places, output: out, precision: 2 });
    for (const line of readFileSync(out, "utf8").trim().split("\n")) {
      expect(line).toMatch(/^[a-d],[a-d],\d+\.\d\d$/);
    }
  });
});
