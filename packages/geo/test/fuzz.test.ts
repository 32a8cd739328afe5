// CSV fuzzing: arbitrary bytes, and valid files with structured mutations. Every input either
// gives exactly what the reference (written from the README's rules) gives, or fails with a
// LocationParseError at a real file:line:column; never anything else.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocationParseError, parseLocationChunks } from "../src/index.ts";
import { expected } from "./_reference-csv.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

/** Valid files: optional BOM and header, quoted or plain names, blank lines, any line break. */
export const validCsv = fc
  .record({
    bom: fc.boolean(),
    header: fc.constantFrom("", "name,lat,lon", "city, latitude ,longitude", "lat,lon,name"),
    rows: fc.array(
      fc.record({
        name: fc.oneof(
          fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,10}$/),
          fc.constantFrom('"São Paulo, BR"', '"a ""b"""', '"two\nlines"', '"x\r\ny"', "Zürich"),
        ),
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
        pad: fc.constantFrom("", " ", "\t"),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    blank: fc.constantFrom("", "\n", "  \n"),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    last: fc.boolean(),
  })
  .map(({ bom, header, rows, blank, eol, last }) => {
    const lines = rows.map(({ name, lat, lon, pad }) => {
      const swap = header.startsWith("lat,");
      const cells = swap ? [lat, lon, name] : [name, lat, lon];
      return cells.map((c) => `${pad}${c}${pad}`).join(",");
    });
    if (header !== "") lines.unshift(header);
    const body = lines.join(eol) + (last ? eol : "");
    return `${bom ? "\ufeff" : ""}${blank}${body}`;
  });

const ALPHABET = [
  '"',
  ",",
  "\n",
  "\r",
  " ",
  "\t",
  "x",
  "1",
  ".",
  "-",
  "e",
  "\u00a0",
  "\ufeff",
  "٣",
];

/** A valid file with a few edits: characters inserted, deleted or replaced, lines doubled. */
export const mutatedCsv = fc
  .tuple(
    validCsv,
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "replace", "double"), fc.nat()),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [at, kind, pick] of edits) {
      const i = t.length === 0 ? 0 : at % t.length;
      const c = ALPHABET[pick % ALPHABET.length]!;
      if (kind === "insert") t = t.slice(0, i) + c + t.slice(i);
      else if (kind === "delete") t = t.slice(0, i) + t.slice(i + 1);
      else if (kind === "replace") t = t.slice(0, i) + c + t.slice(i + 1);
      else {
        const lines = t.split("\n");
        const k = at % lines.length;
        lines.splice(k, 0, lines[k]!);
        t = lines.join("\n");
      }
    }
    return t;
  });

/** Bytes of a text cut into chunks at `cuts` (even inside characters). */
function chunks(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

async function* iterate(parts: Uint8Array[]) {
  yield* parts;
}

/** The reader's outcome on bytes: `name@lat,lon` rows, or the error. */
async function read(bytes: Uint8Array, cuts: number[]) {
  try {
    const t = await parseLocationChunks(iterate(chunks(bytes, cuts)), { source: "f.csv" });
    return { rows: t.names.map((n, i) => `${n}@${t.lat[i]},${t.lon[i]}`) };
  } catch (error) {
    if (!(error instanceof LocationParseError)) throw error; // never anything else
    return { error };
  }
}

/** An error must point into the text: a real line and a column ≥ 1, in the message too. */
function checkError(error: LocationParseError, text: string) {
  const lines = text.split(/\r\n|\r|\n/).length;
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(lines);
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.message.startsWith(`f.csv:${error.line}:${error.column}: `)).toBe(true);
  expect(error.message).not.toContain("\n");
  expect(error.message).not.toMatch(/internal error/);
}

async function check(text: string, bytes: Uint8Array, cuts: number[]) {
  const got = await read(bytes, cuts);
  const want = expected(text);
  if ("error" in got) {
    checkError(got.error!, text);
    if (want.kind === "ok") throw new Error(`${JSON.stringify(text)}: ${got.error!.message}`);
  } else {
    if (want.kind === "error") throw new Error(`${JSON.stringify(text)} was accepted: ${got.rows}`);
    if (want.kind === "ok") expect(got.rows).toEqual(want.rows);
  }
}

const encoder = new TextEncoder();
const cutsArb = fc.array(fc.nat(), { maxLength: 4 });

describe("CSV fuzzing against the reference", () => {
  it("valid files give exactly the reference's places (property)", async () => {
    await fc.assert(
      fc.asyncProperty(validCsv, cutsArb, async (text, cuts) => {
        expect(expected(text).kind).toBe("ok");
        await check(text, encoder.encode(text), cuts);
      }),
      { numRuns: RUNS },
    );
  });

  it("mutated files succeed as the reference says, or fail at a file:line:column (property)", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedCsv, cutsArb, (text, cuts) =>
        check(text, encoder.encode(text), cuts),
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it("arbitrary bytes never give anything but places or a positioned error (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), cutsArb, async (bytes, cuts) => {
        const got = await read(bytes, cuts);
        let text: string;
        try {
          text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          expect("error" in got && got.error!.code).toBe("INVALID_UTF8");
          return;
        }
        await check(text, bytes, cuts);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
