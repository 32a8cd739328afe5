import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBlank, scanRecords } from "../src/_csv-scan.ts";
import { CSV_OPTIONS, unquotedRows } from "../src/_reader.ts";

// Text without double quotes takes a fast path around csv-parse: it must give csv-parse's rows.
const alphabet = [
  "a",
  "Z",
  "é",
  "北",
  "1",
  ".",
  "-",
  ",",
  ",",
  " ",
  "\t",
  "\v",
  "\f",
  "\u00a0",
  "\u2003",
  "\u3000",
  "\ufeff",
  "\u2028",
  "\n",
  "\r",
  "\r\n",
];

describe("unquotedRows", () => {
  it("gives csv-parse's rows (trim, relax_column_count, CRLF/LF/CR) for any quote-free text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 200 }), (parts) => {
        const text = parts.join("");
        const { records } = scanRecords(text, 1);
        const fast = unquotedRows(text, records);
        const slow = parse(text, CSV_OPTIONS) as string[][];
        expect(fast).toHaveLength(records.length);
        for (let k = 0; k < records.length; k++) {
          if (isBlank(text, records[k]!)) continue; // skipped by the reader either way
          expect(fast[k]).toEqual(slow[k]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("splits a plain row", () => {
    const text = "ann arbor, 42.28 ,-83.74\r\nboston,42.36,-71.06";
    expect(unquotedRows(text, scanRecords(text, 1).records)).toEqual([
      ["ann arbor", "42.28", "-83.74"],
      ["boston", "42.36", "-71.06"],
    ]);
  });
});
