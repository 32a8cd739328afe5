// The reader has two paths: text without a double quote is split natively (the fast path),
// anything else goes to csv-parse. On quote-free text both must give the same table and the
// same error (file:line:column: reason); on quoted text csv-parse must give back what was
// written, whatever the batch size.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsvPath } from "../src/_csv-batch.ts";
import { LocationReader } from "../src/_reader.ts";

/** The table, or the error message, of `text` read through `path` in batches of `batch` chars. */
function read(text: string, path: CsvPath, batch: number, header?: boolean): string {
  const rows: [string, number, number][] = [];
  const reader = new LocationReader(
    "t.csv",
    (name, lat, lon) => rows.push([name, lat, lon]),
    { header },
    batch,
    path,
  );
  try {
    for (let i = 0; i < text.length; i += 7) reader.push(text.slice(i, i + 7));
    reader.end();
    return JSON.stringify(rows);
  } catch (error) {
    return (error as Error).message;
  }
}

// Pieces of quote-free CSV: separators, every line break, blank and whitespace-only lines,
// multibyte characters (2, 3 and 4 UTF-8 bytes), a BOM, Unicode whitespace, numbers, headers.
const plainPiece = fc.constantFrom(
  ",",
  ",",
  "\n",
  "\r\n",
  "\r",
  " ",
  "\t",
  "\u00a0",
  "\u3000",
  "\ufeff",
  "a",
  "é",
  "北",
  "😀",
  "1",
  "-2.5",
  "91",
  "1e3",
  "x,1,2\n",
  "name,lat,lon\r\n",
  "城市,١,2\n",
  "\n\n",
);

describe("the fast path and the csv-parse path", () => {
  it("give equal tables and equal errors on quote-free text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(plainPiece, { maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom(undefined, true, false),
        fc.constantFrom(1, 16, 1 << 16),
        (pieces, bom, header, batch) => {
          const text = (bom ? "\ufeff" : "") + pieces.join("");
          expect(read(text, "auto", batch, header)).toBe(read(text, "csv-parse", batch, header));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it("give the same table on valid quote-free rows (property)", () => {
    const name = fc
      .array(fc.constantFrom("a", "Z", "é", "北", "😀", " "), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.join(""))
      .filter((s) => s.trim() !== "");
    const coordinate = fc.integer({ min: -90_000_000, max: 90_000_000 }).map((v) => v / 1e6);
    const row = fc.tuple(name, coordinate, coordinate);
    const eol = fc.constantFrom("\n", "\r\n", "\r");
    fc.assert(
      fc.property(fc.array(fc.tuple(row, eol), { minLength: 1, maxLength: 20 }), (rows) => {
        const text = rows.map(([[n, a, b], e]) => `${n},${a},${b}${e}`).join("");
        const fast = read(text, "auto", 16);
        expect(fast).toBe(read(text, "csv-parse", 16));
        expect(JSON.parse(fast)).toEqual(rows.map(([[n, a, b]]) => [n.trim(), a, b]));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the csv-parse path", () => {
  it("reads back quoted names with quotes, commas and line breaks in any batch size (property)", () => {
    const name = fc
      .array(fc.constantFrom("a", "é", "北", "😀", '"', ",", " ", "\n", "\r\n", "x"), {
        minLength: 1,
        maxLength: 10,
      })
      .map((parts) => parts.join(""))
      .filter((s) => s.trim() !== "");
    const coordinate = fc.integer({ min: -90_000, max: 90_000 }).map((v) => v / 1e3);
    const row = fc.tuple(name, coordinate, coordinate);
    const eol = fc.constantFrom("\n", "\r\n", "\r", "\n\n", "\r\n  \r\n");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, eol), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(1, 5, 64, 1 << 16),
        (rows, batch) => {
          const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
          const text = rows.map(([[n, a, b], e]) => `${quote(n)}, ${a} ,${b}${e}`).join("");
          const names = rows.map(([[n, a, b]]) => [n, a, b]);
          expect(JSON.parse(read(text, "auto", batch))).toEqual(names);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("locates quoting mistakes at the character csv-parse stopped at", () => {
    expect(read('a,1,2\n"b"x,3,4\n', "auto", 1 << 16)).toBe(
      "t.csv:2:4: unexpected text after a closing quote",
    );
    expect(read('a,1,2\r\n"é\r\n北" 😀,3,4\n', "auto", 1)).toBe(
      "t.csv:3:4: unexpected text after a closing quote",
    );
    expect(read('a,1,2\nb"c,3,4\n', "auto", 1 << 16)).toMatch(
      /^t\.csv:2:2: a quote inside an unquoted field/,
    );
    // The open field is the one that starts at 2:3; the doubled quotes inside it are text.
    expect(read('a,1,2\nb,"1""\r\n,"""" é \n', "auto", 4)).toBe(
      "t.csv:2:3: quote not closed: the input ends inside this quoted field",
    );
  });
});
