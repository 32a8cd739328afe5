/**
 * Character-level bookkeeping csv-parse does not give us exactly: where each physical record
 * starts (offset and 1-based line) and where each field starts (line and column).
 * Line breaks are CRLF, LF or a lone CR; a break inside quotes continues the record.
 * @internal
 */

/** One physical record of a complete text. */
export interface RawRecord {
  /** Offset of its first character. */
  readonly start: number;
  /** Offset just past its last character (before the line break). */
  readonly end: number;
  /** 1-based line it starts on. */
  readonly line: number;
}

/** A position in the input. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where a still-open quote started, when the text ends inside quotes. */
export interface OpenQuote extends Position {
  readonly offset: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;

/**
 * Splits a text made of whole records. Returns the records, the line number just after the
 * text, and the open quote if the text ends inside one.
 */
export function scanRecords(
  text: string,
  firstLine: number,
): { records: RawRecord[]; nextLine: number; openQuote: OpenQuote | undefined } {
  if (plainLines(text, 0)) return splitLines(text, firstLine);
  const records: RawRecord[] = [];
  let line = firstLine;
  let lineStart = 0;
  let recordStart = 0;
  let recordLine = firstLine;
  let inQuotes = false;
  let quote: OpenQuote | undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      if (inQuotes) quote = { offset: i, line, column: i - lineStart + 1 };
    } else if (c === LF || c === CR) {
      const breakAt = i;
      if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
      line++;
      lineStart = i + 1;
      if (!inQuotes) {
        records.push({ start: recordStart, end: breakAt, line: recordLine });
        recordStart = i + 1;
        recordLine = line;
      }
    }
  }
  if (recordStart < n) records.push({ start: recordStart, end: n, line: recordLine });
  return { records, nextLine: line, openQuote: inQuotes ? quote : undefined };
}

/**
 * True if `text` from `from` has neither quotes nor CRs: then every LF ends a record, and the
 * native string search and split (fast even in a cold process, unlike a character loop that
 * is still interpreted; ~8x for the first 10,000 rows) give the same answers as the scans.
 */
function plainLines(text: string, from: number): boolean {
  return text.indexOf('"', from) === -1 && text.indexOf("\r", from) === -1;
}

/** {@link scanRecords} for text that passes {@link plainLines}. */
function splitLines(
  text: string,
  firstLine: number,
): { records: RawRecord[]; nextLine: number; openQuote: undefined } {
  const lines = text.split("\n");
  const last = lines.length - 1;
  const whole = lines[last] === "" ? last : lines.length; // a final LF ends the last record
  const records = new Array<RawRecord>(whole);
  let start = 0;
  for (let k = 0; k < whole; k++) {
    const end = start + lines[k]!.length;
    records[k] = { start, end, line: firstLine + k };
    start = end + 1;
  }
  return { records, nextLine: firstLine + last, openQuote: undefined };
}

/**
 * End offset of the last complete record (just past its line break) in `text`, scanning from
 * `from` with quote state `inQuotes`. A CR at the very end is not yet a break (a LF may follow).
 */
export function lastBoundary(
  text: string,
  from: number,
  inQuotes: boolean,
): { cut: number; scanned: number; inQuotes: boolean } {
  if (!inQuotes && plainLines(text, from)) {
    const lf = text.lastIndexOf("\n");
    return { cut: lf >= from ? lf + 1 : -1, scanned: text.length, inQuotes: false };
  }
  let cut = -1;
  let q = inQuotes;
  const n = text.length;
  let i = from;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) q = !q;
    else if (!q && c === LF) cut = i + 1;
    else if (!q && c === CR) {
      if (i + 1 === n) break;
      if (text.charCodeAt(i + 1) !== LF) cut = i + 1;
    }
  }
  return { cut, scanned: i, inQuotes: q };
}

/** True if a record holds only whitespace (a blank line, skipped). */
export function isBlank(text: string, record: RawRecord): boolean {
  for (let i = record.start; i < record.end; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) return false; // printable ASCII: the common case, no regex
    if (!/\s/.test(text[i]!)) return false;
  }
  return true;
}

/**
 * Positions of the first non-whitespace character of each field of `record`, plus the
 * position just past its end (where a missing field would go).
 */
export function fieldPositions(
  text: string,
  record: RawRecord,
): { fields: Position[]; end: Position } {
  const fields: Position[] = [];
  let line = record.line;
  let lineStart = record.start;
  let i = record.start;
  const end = record.end;
  const newline = (at: number): number => {
    let k = at;
    if (text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF) k++;
    line++;
    lineStart = k + 1;
    return k;
  };
  for (;;) {
    while (i < end && text.charCodeAt(i) !== COMMA && /[^\S\r\n]/.test(text[i]!)) i++;
    fields.push({ line, column: i - lineStart + 1 });
    let inQuotes = false;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (c === LF || c === CR) i = newline(i);
      else if (c === COMMA && !inQuotes) break;
    }
    if (i >= end) break;
    i++; // past the comma
  }
  return { fields, end: { line, column: end - lineStart + 1 } };
}

/** Line and column of `offset`, counting from a known position. */
export function positionOf(text: string, from: number, fromLine: number, offset: number): Position {
  let line = fromLine;
  let lineStart = from;
  for (let i = from; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first quoting mistake in a record: where, and what. */
export function quoteProblem(
  text: string,
  record: RawRecord,
): { at: Position; reason: string } | undefined {
  const end = record.end;
  let i = record.start;
  for (;;) {
    while (i < end && text.charCodeAt(i) !== COMMA && /[^\S\r\n]/.test(text[i]!)) i++;
    if (text.charCodeAt(i) === QUOTE && i < end) {
      i++;
      for (; i < end; i++) {
        if (text.charCodeAt(i) !== QUOTE) continue;
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else break;
      }
      i++;
      // Only spaces and tabs may follow a closing quote (csv-parse rejects other whitespace).
      while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      if (i < end && text.charCodeAt(i) !== COMMA) {
        return { at: positionOf(text, record.start, record.line, i), reason: AFTER_CLOSING_QUOTE };
      }
    } else {
      for (; i < end && text.charCodeAt(i) !== COMMA; i++) {
        if (text.charCodeAt(i) === QUOTE) {
          return { at: positionOf(text, record.start, record.line, i), reason: QUOTE_IN_FIELD };
        }
      }
    }
    if (i >= end) return undefined;
    i++;
  }
}

const QUOTE_IN_FIELD =
  'a quote inside an unquoted field (quote the whole field and double inner quotes: "a ""b""")';
const AFTER_CLOSING_QUOTE = "unexpected text after a closing quote";
