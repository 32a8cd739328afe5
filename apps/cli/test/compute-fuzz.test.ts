// A bounded number of fuzzed CSVs through the built CLI (the in-process fuzzing is in
// @dmx/geo): each run exits 0 with the whole output, or exits 2 with one
// `dmx compute: file:line:column: reason` line and no output; never a stack trace, never a
// leftover file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocationParseError, parseLocations } from "@dmx/geo";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { dmx } from "./_compute.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-compute-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS = Number(process.env.CLI_FUZZ_RUNS ?? 12);
const ALPHABET = ['"', ",", "\n", "\r", " ", "x", "1", ".", "-", "\u00a0", "\ufeff", "٣"];

const base = fc
  .array(
    fc.tuple(
      fc.constantFrom("Boston", '"São Paulo, BR"', '"a ""b"""', "Zürich"),
      fc.double({ min: -90, max: 90, noNaN: true }),
      fc.double({ min: -180, max: 180, noNaN: true }),
    ),
    { minLength: 2, maxLength: 5 },
  )
  .map((rows) => `name,lat,lon\n${rows.map((r) => r.join(",")).join("\n")}\n`);

const fuzzed = fc
  .tuple(base, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((t, [at, pick, insert]) => {
      const i = at % (t.length + 1);
      const c = ALPHABET[pick % ALPHABET.length]!;
      return t.slice(0, i) + c + t.slice(insert ? i : i + 1);
    }, text),
  );

function places(text: string): string[] | LocationParseError {
  try {
    return parseLocations(text, { source: "x" }).names;
  } catch (error) {
    if (error instanceof LocationParseError) return error;
    throw error;
  }
}

describe("dmx compute on fuzzed CSV", () => {
  const inputs = fc.sample(fuzzed, { numRuns: RUNS, seed: 2026 });
  it.each(inputs.map((text, k) => [k, text] as const))("input %i", async (k, text) => {
    const input = join(dir, `in-${k}.csv`);
    const output = join(dir, `out-${k}.json`);
    writeFileSync(input, text);
    const executor = k % 2 === 0 ? "sequential" : "async";
    const r = await dmx([
      "compute",
      input,
      "-o",
      output,
      "--quiet",
      "--executor",
      executor,
      "--format",
      "json",
    ]);
    const want = places(text);
    if (Array.isArray(want)) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const json = JSON.parse(readFileSync(output, "utf8"));
      expect(json.names).toEqual(want);
      expect(json.distances).toHaveLength((want.length * (want.length - 1)) / 2);
    } else {
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`dmx compute: ${input}:${want.line}:${want.column}: ${want.reason}\n`);
      expect(existsSync(output)).toBe(false);
    }
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});
