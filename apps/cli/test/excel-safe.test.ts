import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dmx, parseCsv } from "./_compute.ts";

// --excel-safe: names that a spreadsheet would run as formulas get a ' in front, in pairs
// and matrix CSV; without it, names are written as they are.

const dir = mkdtempSync(join(tmpdir(), "dmx-excel-safe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input = join(dir, "in.csv");
writeFileSync(
  input,
  [
    "name,lat,lon",
    '"=HYPERLINK(""http://x"",""y"")",1,2',
    "+1,3,4",
    "-2,5,6",
    "@SUM(A1),7,8",
    "plain,9,10",
    '"=a,b",11,12',
    "",
  ].join("\n"),
);
const names = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "plain", "=a,b"];
const safe = names.map((n) => (/^[=+\-@]/.test(n) ? `'${n}` : n));

describe("--excel-safe", () => {
  it.each(["sequential", "async", "shared"])("pairs and matrix, %s", async (executor) => {
    for (const format of ["pairs", "matrix"]) {
      for (const flag of [true, false]) {
        const out = join(dir, `${executor}-${format}-${flag}.csv`);
        const args = ["compute", input, "--format", format, "--executor", executor, "-o", out];
        const r = await dmx(flag ? [...args, "--excel-safe"] : args);
        expect(r.code, r.stderr).toBe(0);
        const rows = parseCsv(readFileSync(out, "utf8"));
        const got =
          format === "pairs"
            ? rows.flatMap((row) => [row[0], row[1]])
            : [...rows[0]!.slice(1), ...rows.slice(1).map((row) => row[0])];
        expect(new Set(got)).toEqual(new Set(flag ? safe : names));
      }
    }
  });

  it("is refused for npy: exit 2", async () => {
    const r = await dmx(["compute", input, "--format", "npy", "--excel-safe", "-o", "-"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--excel-safe applies to the CSV formats");
  });

  it("is in --help, which says that names are written as they are without it", async () => {
    const r = await dmx(["compute", "--help"]);
    expect(r.stdout).toContain("--excel-safe");
    expect(r.stdout).toContain("without it names are written as they are");
  });
});
