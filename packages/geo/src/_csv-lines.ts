/**
 * Where things are in a text: a table of line starts (line breaks are CRLF, LF or a lone CR),
 * UTF-8 byte offsets (what csv-parse counts) turned into string offsets, and the end of the
 * last line break. No CSV grammar here: csv-parse decides what a record or a field is.
 * @internal
 */

/** A 1-based line and column (UTF-16 code units, like editors count). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

const BREAK = /\r\n?|\n/g;

/** The line starts of a text whose first line is `firstLine` (the table is built when asked). */
export class Lines {
  /** The text's first line number. */
  readonly firstLine: number;
  private readonly text: string;
  /** Offset where each line starts; the first is 0. */
  private starts: number[] | undefined;

  constructor(text: string, firstLine: number) {
    this.text = text;
    this.firstLine = firstLine;
  }

  /** The line number just after the text (the text's last line, if it ends without a break). */
  get nextLine(): number {
    const text = this.text;
    if (this.starts !== undefined || text.indexOf("\r") !== -1) {
      return this.firstLine + this.table().length - 1;
    }
    let breaks = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) breaks++;
    return this.firstLine + breaks;
  }

  /** Line and column of `offset`. */
  at(offset: number): Position {
    const starts = this.table();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.firstLine + lo, column: offset - starts[lo]! + 1 };
  }

  private table(): number[] {
    if (this.starts === undefined) {
      const starts = [0];
      BREAK.lastIndex = 0;
      for (let m = BREAK.exec(this.text); m !== null; m = BREAK.exec(this.text)) {
        starts.push(m.index + m[0].length);
      }
      this.starts = starts;
    }
    return this.starts;
  }
}

/**
 * Offset just past the last line break of `text` at or after `from`, or -1. A CR at the very
 * end does not count yet: a LF may follow in the next chunk.
 */
export function lastBreakEnd(text: string, from: number): number {
  const lf = text.lastIndexOf("\n");
  const cr = text.length >= 2 ? text.lastIndexOf("\r", text.length - 2) : -1;
  const end = Math.max(lf, cr) + 1;
  return end > from ? end : -1;
}

/** String offsets of UTF-8 byte offsets of one text, for offsets asked in increasing order. */
export class Utf8Offsets {
  private char = 0;
  private byte = 0;

  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** The string offset where byte `byte` of the text's UTF-8 encoding starts. */
  at(byte: number): number {
    if (byte < this.byte) {
      this.char = 0;
      this.byte = 0;
    }
    const text = this.text;
    while (this.byte < byte && this.char < text.length) {
      const c = text.charCodeAt(this.char);
      if (c < 0x80) this.byte += 1;
      else if (c < 0x800) this.byte += 2;
      else if (c >= 0xd800 && c < 0xdc00 && this.char + 1 < text.length) {
        this.byte += 4; // a surrogate pair: one 4-byte character
        this.char++;
      } else this.byte += 3;
      this.char++;
    }
    return this.char;
  }
}

/** True if `text` is empty or only whitespace (JavaScript's set, as csv-parse's `trim`). */
export function isBlank(text: string): boolean {
  return text.trim() === "";
}
