/**
 * Incremental location CSV reader: text in (any chunking), locations out. `_csv-batch.ts` turns
 * whole records into rows (a quote-free fast path, csv-parse for everything else) and locates
 * them; `_fields.ts` gives fields meaning.
 * @internal
 */
import { type Batch, type CsvPath, lastBreakEnd, readBatch } from "./_csv-batch.ts";
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

/** Batches smaller than this wait for more text (csv-parse has a per-call cost). */
const BATCH_CHARS = 1 << 16;

export class LocationReader {
  readonly source: string;
  private readonly sink: LocationSink;
  private pending = "";
  private pendingLine = 1;
  /** Parse again only once this much text is pending (after an open quote at a batch end). */
  private wait = 0;
  private order: ColumnOrder | undefined;
  private headerLine = 0;
  private count = 0;
  private started = false;
  private readonly batchChars: number;
  private readonly choice: HeaderChoice;
  private readonly path: CsvPath;

  /**
   * @param choice - header or not (default: guessed), and who hears of a skipped header
   * @param batchChars - parse once this much text is complete (tests use tiny batches)
   * @param path - `csv-parse` sends every batch to csv-parse (tests compare the two paths)
   */
  constructor(
    source: string,
    sink: LocationSink,
    choice: HeaderChoice = {},
    batchChars = BATCH_CHARS,
    path: CsvPath = "auto",
  ) {
    this.source = source;
    this.sink = sink;
    this.choice = choice;
    this.batchChars = batchChars;
    this.path = path;
  }

  /** Text so far, in order. A leading byte-order mark of the whole input is dropped. */
  push(text: string): void {
    if (!this.started && text !== "") {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    if (this.pending.length < this.wait) return;
    const cut = lastBreakEnd(this.pending, 0);
    if (cut >= this.batchChars) this.flush(cut);
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

  private flush(cut: number): void {
    const batch = this.pending.slice(0, cut);
    const consumed = this.process(batch, false);
    this.pending = batch.slice(consumed) + this.pending.slice(cut);
    // A quoted field goes on past the batch: read it again once the pending text has doubled
    // (so a long one costs linear time, not quadratic).
    this.wait = consumed < batch.length ? 2 * this.pending.length : 0;
  }

  /** Reads whole records; returns how much of `text` was consumed. */
  private process(text: string, final: boolean): number {
    const batch = readBatch(text, this.pendingLine, final, this.path);
    const rows = batch.rows;
    for (let k = 0; k < rows.length; k++) {
      const fields = rows[k];
      if (fields !== undefined) this.row(batch, k, fields);
    }
    const problem = batch.problem;
    if (problem !== undefined) {
      this.fail(problem.at.line, problem.at.column, "CSV_SYNTAX", problem.reason, problem.cause);
    }
    this.pendingLine = batch.nextLine;
    return batch.consumed;
  }

  private row(batch: Batch, k: number, fields: string[]): void {
    if (fields.length !== 3) {
      const pos = batch.place(k);
      const found = `expected 3 fields (name, latitude, longitude), found ${fields.length}`;
      if (fields.length < 3)
        this.fail(pos.end.line, pos.end.column, "MISSING_COLUMN", `missing column: ${found}`);
      const extra = pos.fields[3]!;
      this.fail(extra.line, extra.column, "EXTRA_COLUMN", `extra column: ${found}`);
    }
    if (this.order === undefined) {
      if (this.count === 0 && (this.choice.header ?? isHeader(fields))) {
        const order = headerOrder(fields);
        if ("problem" in order) this.fieldFail(batch, k, order.field, order.problem);
        this.order = order;
        const place = batch.place(k);
        this.headerLine = place.line;
        this.choice.onHeader?.({ source: this.source, line: place.line, text: place.text });
        return;
      }
      this.order = DEFAULT_ORDER;
    }
    const order = this.order;
    const name = fields[order.name]!;
    if (name.trim() === "") {
      this.fieldFail(batch, k, order.name, { code: "EMPTY_NAME", reason: "empty name" });
    }
    const lat = parseCoordinate("latitude", fields[order.latitude]!);
    if (typeof lat !== "number") this.fieldFail(batch, k, order.latitude, lat);
    const lon = parseCoordinate("longitude", fields[order.longitude]!);
    if (typeof lon !== "number") this.fieldFail(batch, k, order.longitude, lon);
    this.count++;
    this.sink(name, lat, lon);
  }

  private fieldFail(batch: Batch, k: number, field: number, problem: FieldProblem): never {
    const at = batch.place(k).fields[field]!;
    this.fail(at.line, at.column, problem.code, problem.reason);
  }
}
