import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ExecutorError,
  mergeShards,
  type WriteMatrixOptions,
  writeMatrix,
  writeShard,
} from "../src/index.ts";
import { table } from "./_helpers.ts";
import { places } from "./_npy-places.ts";

// `mergeShards` refuses anything but every slice of one run exactly once, with one line
// naming the file and the reason, before it writes anything.

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-merge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

async function shard(name: string, k: number, K: number, options: Partial<WriteMatrixOptions>) {
  await writeShard({ input: places, output: at(name), shard: { index: k, count: K }, ...options });
  return at(name);
}

beforeAll(async () => {
  for (let k = 1; k <= 3; k++) {
    await shard(`n${k}.npy`, k, 3, { format: "npy" });
    await shard(`c${k}.csv`, k, 3, { format: "pairs" });
  }
  await shard("n2-of-4.npy", 2, 4, { format: "npy" });
  await shard("f4-2.npy", 2, 3, { format: "npy", dtype: "float32" });
  const other = table(places.names.map((name, i) => [name, places.lat[i]!, places.lon[i]! + 1]));
  await writeShard({
    input: other,
    output: at("other-2.npy"),
    format: "npy",
    shard: { index: 2, count: 3 },
  });
  await writeMatrix({ input: places, output: at("whole.npy"), format: "npy" });
  await writeMatrix({ input: places, output: at("whole.csv") });
});

const npy = (...names: string[]) => names.map(at);

async function refused(parts: string[], pattern: RegExp, code = "BAD_PART"): Promise<void> {
  const output = at("out.bin");
  const error = await mergeShards({ parts, output }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExecutorError);
  expect((error as ExecutorError).code).toBe(code);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message).toMatch(pattern);
  expect(existsSync(output)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
}

describe("mergeShards refuses", () => {
  it("a part of another run (other input)", async () => {
    await refused(
      npy("n1.npy", "other-2.npy", "n3.npy"),
      /other-2\.npy is from another run than .*n1\.npy \(run [0-9a-f]{24}, not [0-9a-f]{24}\)/,
    );
  });

  it("a part of another run (other options: float32)", async () => {
    await refused(npy("n1.npy", "f4-2.npy", "n3.npy"), /f4-2\.npy is from another run/);
  });

  it("a part with another K", async () => {
    await refused(
      npy("n1.npy", "n2-of-4.npy", "n3.npy"),
      /n2-of-4\.npy is slice 2\/4 but .*n1\.npy is slice 1\/3: parts of one run share K/,
    );
  });

  it("a slice given twice", async () => {
    copyFileSync(at("n2.npy"), at("n2-copy.npy"));
    await refused(
      npy("n1.npy", "n2.npy", "n2-copy.npy", "n3.npy"),
      /slice 2\/3 given twice: .*n2\.npy and .*n2-copy\.npy/,
    );
  });

  it("a missing slice", async () => {
    await refused(npy("n3.npy", "n1.npy"), /^missing slice 2\/3 of run [0-9a-f]{24}$/);
    await refused(npy("n2.npy"), /^missing slices 1\/3, 3\/3 of run/);
  });

  it("a truncated .npy part", async () => {
    copyFileSync(at("n2.npy"), at("n2-cut.npy"));
    truncateSync(at("n2-cut.npy"), readFileSync(at("n2.npy")).length - 8);
    await refused(
      npy("n1.npy", "n2-cut.npy", "n3.npy"),
      /n2-cut\.npy: \d+ bytes, expected \d+ for slice 2\/3 \(truncated or altered\)/,
    );
  });

  it("a CSV part with a row taken out", async () => {
    const lines = readFileSync(at("c2.csv"), "utf8").split("\n");
    lines.splice(3, 1);
    writeFileSync(at("c2-cut.csv"), lines.join("\n"));
    await refused(npy("c1.csv", "c2-cut.csv", "c3.csv"), /c2-cut\.csv: \d+ bytes, expected/);
  });

  it("files that are not parts: a whole .npy, a whole CSV, an empty file", async () => {
    await refused(
      npy("n1.npy", "whole.npy"),
      /whole\.npy: not a part of dmx compute --shard \(an \.npy file without a dmx-part record\)/,
    );
    await refused(npy("whole.csv"), /whole\.csv: not a part of dmx compute --shard/);
    writeFileSync(at("empty.csv"), "");
    await refused(npy("empty.csv"), /empty\.csv: not a part/);
  });

  it("a file that does not exist, and no parts at all", async () => {
    await refused(npy("n1.npy", "nope.npy"), /cannot read .*nope\.npy: no such file/);
    await refused([], /^no part files given$/);
  });

  it("an output that is one of the parts", async () => {
    const error = await mergeShards({ parts: npy("n1.npy", "n2.npy"), output: at("n2.npy") }).catch(
      (e: unknown) => e,
    );
    expect((error as ExecutorError).code).toBe("OUTPUT_IS_INPUT");
  });

  it("an abort: no output file, no temp file", async () => {
    const controller = new AbortController();
    const output = at("aborted.npy");
    const merging = mergeShards({
      parts: npy("n1.npy", "n2.npy", "n3.npy"),
      output,
      signal: controller.signal,
    });
    controller.abort(new Error("stop"));
    await expect(merging).rejects.toThrow("stop");
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("…and merges the good parts in any order", async () => {
    const result = await mergeShards({
      parts: npy("n3.npy", "n1.npy", "n2.npy"),
      output: at("m.npy"),
    });
    expect(result.parts).toBe(3);
    expect(Buffer.compare(readFileSync(at("m.npy")), readFileSync(at("whole.npy")))).toBe(0);
  });
});
