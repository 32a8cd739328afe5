import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor, ExecutorName } from "../src/index.ts";
import { createExecutor, writeMatrix } from "../src/index.ts";
import { memoryStream, parseCsv } from "./_helpers.ts";

// `excelSafe`: names a spreadsheet would run as a formula get a `'` in front, in pairs and
// matrix CSV, for every executor path that writes names (workers, wasm rows, the async
// pipeline); every other name is written as it is, and without the option all are.

const risky = /^[=+\-@\t\r]/;
const safeName = (name: string) => (risky.test(name) ? `'${name}` : name);

/** Names: hostile starts, CSV specials, anything else. */
const names = fc.uniqueArray(
  fc.oneof(
    fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string()).map(([a, b]) => a + b),
    fc.string({ minLength: 1 }).filter((s) => !/[\n]/.test(s)),
    fc.constantFrom('=HYPERLINK("http://x","y")', "=1+2,3", "-12", "@SUM(A1)", "plain"),
  ),
  { minLength: 2, maxLength: 6 },
);

async function write(
  table: readonly string[],
  format: "pairs" | "matrix",
  executor: ExecutorName | Executor,
  excelSafe: boolean,
): Promise<string[][]> {
  const out = memoryStream();
  const input = {
    names: [...table],
    lat: new Float64Array(table.map((_, i) => i)),
    lon: new Float64Array(table.map((_, i) => -i)),
  };
  await writeMatrix({ input, output: out, format, executor, threads: 2, excelSafe });
  return parseCsv(out.text());
}

/** The names in a parsed output: pairs' first two fields, or the matrix header and column. */
function namesIn(rows: string[][], format: "pairs" | "matrix"): string[] {
  return format === "pairs"
    ? rows.flatMap((r) => [r[0]!, r[1]!])
    : [...rows[0]!.slice(1), ...rows.slice(1).map((r) => r[0]!)];
}

/** The distance cells of a parsed output. */
function distancesIn(rows: string[][], format: "pairs" | "matrix"): string[] {
  return format === "pairs" ? rows.map((r) => r[2]!) : rows.slice(1).flatMap((r) => r.slice(1));
}

let shared: Executor;
beforeAll(async () => {
  shared = await createExecutor("shared", { threads: 2 });
});
afterAll(() => shared.close());

describe("excelSafe", () => {
  for (const format of ["pairs", "matrix"] as const) {
    for (const name of ["sequential", "shared", "async"] as const) {
      it(`${format}, ${name}: risky names get a ', others stay, off writes them as they are`, async () => {
        await fc.assert(
          fc.asyncProperty(names, async (table) => {
            const executor = name === "shared" ? shared : name;
            const safe = await write(table, format, executor, true);
            const plain = await write(table, format, executor, false);
            const got = namesIn(safe, format);
            expect(new Set(got)).toEqual(new Set(table.map(safeName)));
            expect(new Set(namesIn(plain, format))).toEqual(new Set(table));
            for (const name of got) expect(risky.test(name)).toBe(false);
            // The distances are the same either way.
            expect(distancesIn(safe, format)).toEqual(distancesIn(plain, format));
          }),
          { numRuns: name === "shared" ? 20 : 60 },
        );
      }, 60_000);
    }
  }

  it("is refused for npy and json", async () => {
    const input = { names: ["=a", "b"], lat: new Float64Array(2), lon: new Float64Array(2) };
    for (const format of ["npy", "json"] as const) {
      await expect(
        writeMatrix({ input, output: memoryStream(), format, excelSafe: true }),
      ).rejects.toMatchObject({ code: "BAD_OPTION" });
    }
  });
});
