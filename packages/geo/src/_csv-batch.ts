/**
 * One batch of whole CSV records to rows, by one of two paths: text without a double quote is
 * split at line breaks and commas (the fast path: native `split`, no per-character loop);
 * anything else goes to csv-parse, which alone decides records, fields and quoting mistakes.
 * Positions (`file:line:column`) come from a line table of the text and csv-parse's byte
 * offsets, and are only worked out when a row is reported (an error or a header).
 * @internal
 */
import { parse } from "#csv-parse-sync";
import { isBlank, Lines, lastBreakEnd, type Position, Utf8Offsets } from "./_csv-lines.ts";

export { lastBreakEnd, type Position };

/** csv-parse's options: trimmed fields, any field count (we report it), CRLF, LF or CR. */
export const CSV_OPTIONS = {
  trim: true,
  relax_column_count: true,
  record_delimiter: ["\r\n", "\n", "\r"],
};

/** Where a record is. */
export interface RecordPlace {
  /** 1-based line it starts on. */
  readonly line: number;
  /** Its text as in the input, without the line break. */
  readonly text: string;
  /** The first non-whitespace character of each field. */
  readonly fields: readonly Position[];
  /** Just past its last character (where a missing field would go). */
  readonly end: Position;
}

/** A quoting mistake csv-parse found, located. */
export interface SyntaxProblem {
  readonly at: Position;
  readonly reason: string;
  readonly cause: unknown;
}

/** The rows of a batch, in order; a blank record (only whitespace) is `undefined`. */
export interface Batch {
  readonly rows: readonly (string[] | undefined)[];
  /** Where record `k` is (for messages; computed on demand). */
  place(k: number): RecordPlace;
  /** The line just after the consumed text. */
  readonly nextLine: number;
  /** How much of the text was consumed: all of it, unless it ends inside a quoted field. */
  readonly consumed: number;
  /** A quoting mistake after the rows. */
  readonly problem: SyntaxProblem | undefined;
}

/** Which path reads a batch: `auto` takes the fast one for text without a double quote. */
export type CsvPath = "auto" | "csv-parse";

/**
 * Reads `text`, whole records starting on line `firstLine`. With `final` false an open quote
 * at the end is not a mistake: the text from that record on is left unconsumed.
 */
export function readBatch(text: string, firstLine: number, final: boolean, path: CsvPath): Batch {
  return path === "auto" && text.indexOf('"') === -1
    ? fastBatch(text, firstLine)
    : csvParseBatch(text, firstLine, final);
}

const COMMA = 44;
const INLINE_SPACE = /[^\S\r\n]/;

/** Offset of the first non-whitespace character at or after `from` in a field. */
function skipSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text.charCodeAt(i) !== COMMA && INLINE_SPACE.test(text[i]!)) i++;
  return i;
}

/**
 * The quote-free path: each line is a record, each comma ends a field, each field is trimmed:
 * the rows csv-parse gives with {@link CSV_OPTIONS} (its trim set is JavaScript's), without
 * its cost (it walks the text byte by byte, ~40 ms for the first 1,000 rows of a cold process).
 */
function fastBatch(text: string, firstLine: number): Batch {
  const lines = text.indexOf("\r") === -1 ? text.split("\n") : text.split(/\r\n|\r|\n/);
  const last = lines.length - 1;
  const whole = lines[last] === "" ? last : lines.length; // a final break ends the last record
  const rows = new Array<string[] | undefined>(whole);
  for (let k = 0; k < whole; k++) {
    const fields = lines[k]!.split(",");
    for (let f = 0; f < fields.length; f++) fields[f] = fields[f]!.trim();
    rows[k] = fields.length === 1 && fields[0] === "" ? undefined : fields;
  }
  const place = (k: number): RecordPlace => {
    const line = firstLine + k;
    const record = lines[k]!;
    const fields: Position[] = [];
    for (let start = 0; ; ) {
      fields.push({ line, column: skipSpace(record, start, record.length) + 1 });
      const comma = record.indexOf(",", start);
      if (comma === -1) break;
      start = comma + 1;
    }
    return { line, text: record, fields, end: { line, column: record.length + 1 } };
  };
  return { rows, place, nextLine: firstLine + last, consumed: text.length, problem: undefined };
}

/** Byte offsets of the delimiter that ends each field of the first record of `text`. */
function fieldEnds(text: string): number[] | undefined {
  const ends: number[] = [];
  try {
    parse(text, {
      ...CSV_OPTIONS,
      to: 1,
      cast: (value: string, context: { bytes: number }) => {
        ends.push(context.bytes);
        return value;
      },
    });
  } catch {
    return undefined;
  }
  return ends;
}

/** Offsets of the fields of a one-record `text` (csv-parse's fields; the first field at 0). */
function fieldStarts(text: string): number[] {
  const ends = fieldEnds(text) ?? [];
  const chars = new Utf8Offsets(text);
  const starts = [skipSpace(text, 0, text.length)];
  for (let f = 0; f + 1 < ends.length; f++) {
    const start = chars.at(ends[f]!) + 1; // past the comma
    starts.push(skipSpace(text, start, text.length));
  }
  return starts;
}

const UNCLOSED = "quote not closed: the input ends inside this quoted field";
const QUOTE_IN_FIELD =
  'a quote inside an unquoted field (quote the whole field and double inner quotes: "a ""b""")';
const AFTER_CLOSING_QUOTE = "unexpected text after a closing quote";
const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: UNCLOSED,
  INVALID_OPENING_QUOTE: QUOTE_IN_FIELD,
  CSV_INVALID_CLOSING_QUOTE: AFTER_CLOSING_QUOTE,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: AFTER_CLOSING_QUOTE,
};

/** The error code csv-parse throws for `text`, or undefined if it parses. */
function errorCode(text: string): string | undefined {
  try {
    parse(text, CSV_OPTIONS);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? "";
  }
}

/**
 * Offset, in `rest` (the failing record and what follows), of the character csv-parse stopped
 * at: the opening quote of a field the input ends inside, else the last character of the
 * shortest prefix csv-parse rejects with the same code (found by galloping, then bisection:
 * any longer prefix fails too, any shorter one does not).
 */
function problemOffset(rest: string, code: string): number {
  if (code === "CSV_QUOTE_NOT_CLOSED") {
    // Closing the quote makes it one whole record; its last field is the open one.
    const starts = fieldStarts(`${rest}"`);
    return starts[starts.length - 1]!;
  }
  // Gallop first: the mistake is usually near the record's start, and `rest` may be long.
  let lo = 1;
  let hi = Math.min(64, rest.length);
  while (hi < rest.length && errorCode(rest.slice(0, hi)) !== code) {
    lo = hi + 1;
    hi = Math.min(2 * hi, rest.length);
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (errorCode(rest.slice(0, mid)) === code) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/**
 * csv-parse's records of `text` up to its first error (and at most `to`), with the string
 * offset just past each record's line break (csv-parse's byte offsets, converted), and the error.
 */
function recordsWithEnds(
  text: string,
  to = -1,
): { records: string[][]; ends: number[]; failure: unknown } {
  const records: string[][] = [];
  const byteEnds: number[] = [];
  let failure: unknown;
  try {
    parse(text, {
      ...CSV_OPTIONS,
      to,
      on_record: (record: string[], context: { bytes: number }) => {
        records.push(record);
        byteEnds.push(context.bytes);
        return null;
      },
    });
  } catch (error) {
    failure = error;
  }
  if (!/[\u0080-\uffff]/.test(text)) return { records, ends: byteEnds, failure }; // ASCII
  const chars = new Utf8Offsets(text);
  return { records, ends: byteEnds.map((b) => chars.at(b)), failure };
}

/**
 * The csv-parse path. csv-parse's per-record `info` costs about a third of its time, so it is
 * asked for (a second parse) only when a record must be located: an error, a header, or a
 * record of one empty field that may be a blank line.
 */
function csvParseBatch(text: string, firstLine: number, final: boolean): Batch {
  let records: string[][];
  let ends: number[] | undefined;
  let failure: unknown;
  try {
    records = parse(text, CSV_OPTIONS) as string[][];
  } catch {
    ({ records, ends, failure } = recordsWithEnds(text));
  }
  /** Record ends up to record `k` at least (asked for more and more: each parse doubles). */
  const endsOf = (k: number): number[] => {
    if (ends === undefined || (ends.length <= k && ends.length < records.length)) {
      ends = recordsWithEnds(text, Math.max(k + 1, 2 * (ends?.length ?? 0))).ends;
    }
    return ends;
  };
  const lines = new Lines(text, firstLine);
  const startOf = (k: number): number => (k === 0 ? 0 : endsOf(k - 1)[k - 1]!);
  const textOf = (k: number): string => {
    let end = endsOf(k)[k]!;
    if (text.charCodeAt(end - 1) === 10) end--;
    if (text.charCodeAt(end - 1) === 13) end--;
    return text.slice(startOf(k), end);
  };
  const rows: (string[] | undefined)[] = records;
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    if (r.length === 1 && r[0] === "" && isBlank(textOf(k))) rows[k] = undefined;
  }
  const place = (k: number): RecordPlace => {
    const start = startOf(k);
    const record = textOf(k);
    const fields = fieldStarts(record).map((o) => lines.at(start + o));
    return {
      line: lines.at(start).line,
      text: record,
      fields,
      end: lines.at(start + record.length),
    };
  };
  let consumed = text.length;
  let nextLine = lines.nextLine;
  let problem: SyntaxProblem | undefined;
  if (failure !== undefined) {
    const code = (failure as { code?: string }).code ?? "";
    const start = startOf(records.length);
    if (code === "CSV_QUOTE_NOT_CLOSED" && !final) {
      consumed = start; // the rest waits for more text
      nextLine = lines.at(start).line;
    } else {
      const reason = REASONS[code];
      const message = (failure as { message?: string }).message ?? String(failure);
      problem =
        reason === undefined
          ? {
              at: { line: lines.at(start).line, column: 1 },
              reason: `malformed CSV: ${message.replace(/ at line \d+/g, "")}`,
              cause: failure,
            }
          : {
              at: lines.at(start + problemOffset(text.slice(start), code)),
              reason,
              cause: failure,
            };
    }
  }
  return { rows, place, nextLine, consumed, problem };
}
