/**
 * Incremental location CSV reader: text in (any chunking), locations out. csv-parse does the
 * CSV grammar; `_csv-scan.ts` keeps exact lines and columns; `_fields.ts` gives fields meaning.
 * @internal
 */
import { parse } from "#csv-parse-sync";
import {
  fieldPositions,
  isBlank,
  lastBoundary,
  quoteProblem,
  type RawRecord,
  scanRecords,
} from "./_csv-scan.ts";
import {
  type ColumnOrder,
  DEFAULT_ORDER,
  type FieldProblem,
  headerOrder,
  isHeader,
  parseCoordinate,
} from "./_fields.ts";
import { LocationParseError, type LocationParseErrorCode } from "./_parse-error.ts";

/** Receives each location in input order. */
export type LocationSink = (name: string, latitude: number, longitude: number) => void;

/** A first row read as a header (and so not as a location). */
export interface HeaderRow {
  /** The input's name, as in errors. */
  readonly source: string;
  /** 1-based line it is on. */
  readonly line: number;
  /** Its text as in the input, without the line break. */
  readonly text: string;
}

/** How a {@link LocationReader} treats the first row. */
export interface HeaderChoice {
  /**
   * `true`: the first non-blank row is a header; `false`: it is data; absent: guessed (a header
   * only when its coordinate fields hold no digit at all, e.g. `name,lat,lon`).
   */
  readonly header?: boolean | undefined;
  /** Called when a header row is skipped (e.g. to tell the user). */
  readonly onHeader?: ((header: HeaderRow) => void) | undefined;
}

export const CSV_OPTIONS = {
  trim: true,
  relax_column_count: true,
  record_delimiter: ["\r\n", "\n", "\r"],
};

const UNCLOSED = "quote not closed: the input ends inside this quoted field";

/** Batches smaller than this wait for more text (csv-parse has a per-call cost). */
const BATCH_CHARS = 1 << 16;

/**
 * The fields of `records` of a text without any double quote: split at commas, each trimmed.
 * The same rows csv-parse gives with {@link CSV_OPTIONS} (its trim set is JavaScript's
 * whitespace set), without its cost: csv-parse walks the text byte by byte in a general state
 * machine, ~40 ms for the first 1,000 rows of a process while its code is still cold.
 */
export function unquotedRows(text: string, records: readonly RawRecord[]): string[][] {
  const rows = new Array<string[]>(records.length);
  for (let k = 0; k < records.length; k++) {
    const { start, end } = records[k]!;
    const fields = text.slice(start, end).split(",");
    for (let f = 0; f < fields.length; f++) fields[f] = fields[f]!.trim();
    rows[k] = fields;
  }
  return rows;
}

export class LocationReader {
  readonly source: string;
  private readonly sink: LocationSink;
  private pending = "";
  private pendingLine = 1;
  private scanned = 0;
  private inQuotes = false;
  private cut = -1;
  private order: ColumnOrder | undefined;
  private headerLine = 0;
  private count = 0;
  private started = false;
  private readonly batchChars: number;
  private readonly choice: HeaderChoice;

  /**
   * @param choice - header or not (default: guessed), and who hears of a skipped header
   * @param batchChars - parse once this much text is complete (tests use tiny batches)
   */
  constructor(
    source: string,
    sink: LocationSink,
    choice: HeaderChoice = {},
    batchChars = BATCH_CHARS,
  ) {
    this.source = source;
    this.sink = sink;
    this.choice = choice;
    this.batchChars = batchChars;
  }

  /** Text so far, in order. A leading byte-order mark of the whole input is dropped. */
  push(text: string): void {
    if (!this.started && text !== "") {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    const scan = lastBoundary(this.pending, this.scanned, this.inQuotes);
    this.scanned = scan.scanned;
    this.inQuotes = scan.inQuotes;
    if (scan.cut >= 0) this.cut = scan.cut;
    if (this.cut >= this.batchChars) this.flush();
  }

  /** The input ended: parse what is left. Throws if there were no locations at all. */
  end(): void {
    if (this.pending !== "") this.process(this.pending, true);
    this.pending = "";
    if (this.count === 0) {
      if (this.order !== undefined) {
        this.fail(this.headerLine + 1, 1, "EMPTY_INPUT", "no locations after the header");
      }
      this.fail(1, 1, "EMPTY_INPUT", "no locations: the input is empty or has only blank lines");
    }
  }

  /** Throws a {@link LocationParseError} at a position. */
  fail(
    line: number,
    column: number,
    code: LocationParseErrorCode,
    reason: string,
    cause?: unknown,
  ): never {
    throw new LocationParseError({ file: this.source, line, column, reason, code, cause });
  }

  /** Line number where unparsed text starts (for decoder errors). */
  get line(): number {
    return this.pendingLine;
  }

  /** Unparsed text (for decoder errors). */
  get unparsed(): string {
    return this.pending;
  }

  private flush(): void {
    const batch = this.pending.slice(0, this.cut);
    this.pending = this.pending.slice(this.cut);
    this.scanned -= this.cut;
    this.cut = -1;
    this.process(batch, false);
  }

  private process(text: string, final: boolean): void {
    const firstLine = this.pendingLine;
    const { records, nextLine, openQuote } = scanRecords(text, firstLine);
    if (final && openQuote !== undefined) {
      // Records before the unterminated one come first (their problems are earlier).
      const last = records[records.length - 1]!;
      if (last.start > 0) this.process(text.slice(0, last.start), false);
      // A stray quote earlier in the same record is the likelier mistake.
      const problem = quoteProblem(text, last);
      if (problem !== undefined && problem.reason !== UNCLOSED) {
        this.fail(problem.at.line, problem.at.column, "CSV_SYNTAX", problem.reason);
      }
      this.fail(openQuote.line, openQuote.column, "CSV_SYNTAX", UNCLOSED);
    }
    let rows: string[][];
    if (text.indexOf('"') === -1) {
      // No quotes: nothing for the CSV grammar to do beyond what the scan found.
      rows = unquotedRows(text, records);
    } else {
      try {
        rows = parse(text, CSV_OPTIONS) as string[][];
      } catch (error) {
        this.csvError(text, records, error);
      }
    }
    // The scan and csv-parse agree on the records (test/scan-agrees.test.ts proves it), except
    // that csv-parse drops a last, unterminated record that trims to nothing (blank anyway).
    for (let k = 0; k < rows.length; k++) {
      const record = records[k]!;
      if (isBlank(text, record)) continue;
      this.row(text, record, rows[k]!);
    }
    this.pendingLine = nextLine;
  }

  private csvError(text: string, records: RawRecord[], error: unknown): never {
    const e = error as { records?: number; message?: string };
    // csv-parse counts the records it completed; the culprit is the next one (or a later one
    // if its count is off), so look from there for the first quoting mistake.
    let k = Math.min(e.records ?? 0, records.length - 1);
    let problem: ReturnType<typeof quoteProblem>;
    for (; k < records.length && problem === undefined; k++)
      problem = quoteProblem(text, records[k]!);
    const culprit =
      problem === undefined
        ? records[Math.min(e.records ?? 0, records.length - 1)]
        : records[k - 1];
    // The records before it come first, as they would when streamed in smaller batches.
    if (culprit !== undefined && culprit.start > 0)
      this.process(text.slice(0, culprit.start), false);
    if (problem !== undefined) {
      this.fail(problem.at.line, problem.at.column, "CSV_SYNTAX", problem.reason, error);
    }
    this.fail(
      culprit?.line ?? this.pendingLine,
      1,
      "CSV_SYNTAX",
      `malformed CSV: ${(e.message ?? String(error)).replace(/ at line \d+/g, "")}`,
      error,
    );
  }

  private row(text: string, record: RawRecord, fields: string[]): void {
    if (fields.length !== 3) {
      const pos = fieldPositions(text, record);
      const found = `expected 3 fields (name, latitude, longitude), found ${fields.length}`;
      if (fields.length < 3)
        this.fail(pos.end.line, pos.end.column, "MISSING_COLUMN", `missing column: ${found}`);
      const extra = pos.fields[3]!;
      this.fail(extra.line, extra.column, "EXTRA_COLUMN", `extra column: ${found}`);
    }
    if (this.order === undefined) {
      if (this.count === 0 && (this.choice.header ?? isHeader(fields))) {
        const order = headerOrder(fields);
        if ("problem" in order) this.fieldFail(text, record, order.field, order.problem);
        this.order = order;
        this.headerLine = record.line;
        this.choice.onHeader?.({
          source: this.source,
          line: record.line,
          text: text.slice(record.start, record.end),
        });
        return;
      }
      this.order = DEFAULT_ORDER;
    }
    const order = this.order;
    const name = fields[order.name]!;
    if (name.trim() === "") {
      this.fieldFail(text, record, order.name, { code: "EMPTY_NAME", reason: "empty name" });
    }
    const lat = parseCoordinate("latitude", fields[order.latitude]!);
    if (typeof lat !== "number") this.fieldFail(text, record, order.latitude, lat);
    const lon = parseCoordinate("longitude", fields[order.longitude]!);
    if (typeof lon !== "number") this.fieldFail(text, record, order.longitude, lon);
    this.count++;
    this.sink(name, lat, lon);
  }

  private fieldFail(text: string, record: RawRecord, field: number, problem: FieldProblem): never {
    const at = fieldPositions(text, record).fields[field]!;
    this.fail(at.line, at.column, problem.code, problem.reason);
  }
}
