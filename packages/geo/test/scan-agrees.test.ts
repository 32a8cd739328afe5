// The reader's record scan and csv-parse agree on every text csv-parse accepts: the same
// records, with the same number of fields, so no run-time cross-check is needed.
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { expect, it } from "vitest";
import { fieldPositions, isBlank, scanRecords } from "../src/_csv-scan.ts";
import { CSV_OPTIONS } from "../src/_reader.ts";

const piece = fc.constantFrom(
  '"',
  '""',
  ",",
  "\n",
  "\r\n",
  "\r",
  " ",
  "\t",
  "a",
  "1",
  "é",
  "\u00a0",
);

it("scanRecords finds csv-parse's records and fields, quotes included (property)", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join("");
      let rows: string[][];
      try {
        rows = parse(text, CSV_OPTIONS) as string[][];
      } catch {
        return; // csv-parse rejects it: the reader reports the problem, not a record
      }
      const { records, openQuote } = scanRecords(text, 1);
      expect(openQuote).toBeUndefined();
      expect(rows.length).toBeLessThanOrEqual(records.length);
      for (const [k, record] of records.entries()) {
        if (k >= rows.length) {
          expect(isBlank(text, record)).toBe(true);
          continue;
        }
        expect(fieldPositions(text, record).fields).toHaveLength(rows[k]!.length);
      }
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
});
