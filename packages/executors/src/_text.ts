import type { NameBytes } from "./_csv.ts";
import { writeFixed, writeShortest } from "./_float-text.ts";
import type { Layout, Tile } from "./_layout.ts";

/** Text formats, written by tiles (in the workers when the executor has any). */
export type TextFormat = "pairs" | "matrix" | "json";

/** What a tile needs to turn its numbers into text. */
export interface TextSpec {
  readonly format: TextFormat;
  /** Fixed digits after the point; shortest round-trip when undefined. */
  readonly precision?: number | undefined;
  /** Row names (origins), CSV-quoted. */
  readonly rowNames: NameBytes;
  /** Column names for `rect` (destinations), CSV-quoted; the row names otherwise. */
  readonly colNames?: NameBytes | undefined;
}

const COMMA = 44;
const NEWLINE = 10;

function nameLength(names: NameBytes, i: number): number {
  return names.offsets[i + 1]! - names.offsets[i]!;
}

/**
 * An upper bound on the bytes {@link encodeTile} writes for `tile` (exact for the names,
 * 25 bytes per shortest number, `precision + 24` per fixed one).
 */
export function textBound(
  spec: TextSpec,
  layout: Layout,
  _n: number,
  m: number,
  tile: Tile,
): number {
  const rows = spec.rowNames;
  const cols = spec.colNames ?? rows;
  const precision = spec.precision;
  const numberMax = precision === undefined ? 25 : precision + 24;
  let size = tile.count * (numberMax + 1) + 1;
  if (spec.format === "pairs") {
    if (layout === "lower") {
      for (let j = tile.rowStart; j < tile.rowEnd; j++) {
        size += j * (nameLength(rows, j) + 2) + (rows.offsets[j]! - rows.offsets[0]!);
      }
    } else {
      const allCols = cols.offsets[m]! - cols.offsets[0]!;
      for (let i = tile.rowStart; i < tile.rowEnd; i++) {
        size += m * (nameLength(rows, i) + 2) + allCols;
      }
    }
  } else if (spec.format === "matrix") {
    for (let r = tile.rowStart; r < tile.rowEnd; r++) size += nameLength(rows, r) + 2;
  }
  return size;
}

/**
 * Formats the values of one tile (`values[at ...]`, `tile.count` of them) as text bytes:
 * `pairs` rows `origin,destination,distance\n`, `matrix` rows `name,d,d,...\n`, or `json`
 * numbers separated by commas (a leading comma unless the tile starts the output). Writes
 * into `into` when given (it must hold {@link textBound} bytes), else into a new array.
 */
export function encodeTile(
  spec: TextSpec,
  layout: Layout,
  n: number,
  m: number,
  tile: Tile,
  values: ArrayLike<number>,
  at: number,
  into?: Uint8Array,
): Uint8Array {
  const rows = spec.rowNames;
  const cols = spec.colNames ?? rows;
  const precision = spec.precision;
  const size = textBound(spec, layout, n, m, tile);
  if (into && into.length < size)
    throw new RangeError(`text buffer too small: ${into.length} < ${size}`);
  const buf = into ?? new Uint8Array(size);
  const rowBytes = rows.bytes;
  const rowOffsets = rows.offsets;
  const colBytes = cols.bytes;
  const colOffsets = cols.offsets;
  const shortest = precision === undefined;
  const digits = precision ?? 0;
  let pos = 0;
  let k = at;
  if (spec.format === "json") {
    for (let c = 0; c < tile.count; c++) {
      if (c > 0 || tile.offset > 0) buf[pos++] = COMMA;
      const x = values[k++]!;
      pos = shortest ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, digits);
    }
  } else if (spec.format === "matrix") {
    const width = layout === "rect" ? m : n;
    for (let r = tile.rowStart; r < tile.rowEnd; r++) {
      for (let b = rowOffsets[r]!, end = rowOffsets[r + 1]!; b < end; b++)
        buf[pos++] = rowBytes[b]!;
      for (let c = 0; c < width; c++) {
        buf[pos++] = COMMA;
        const x = values[k++]!;
        pos = shortest ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, digits);
      }
      buf[pos++] = NEWLINE;
    }
  } else if (layout === "lower") {
    for (let j = tile.rowStart; j < tile.rowEnd; j++) {
      const nameStart = rowOffsets[j]!;
      const nameEnd = rowOffsets[j + 1]!;
      let from = rowOffsets[0]!;
      for (let i = 0; i < j; i++) {
        const to = rowOffsets[i + 1]!;
        for (let b = from; b < to; b++) buf[pos++] = rowBytes[b]!;
        from = to;
        buf[pos++] = COMMA;
        for (let b = nameStart; b < nameEnd; b++) buf[pos++] = rowBytes[b]!;
        buf[pos++] = COMMA;
        const x = values[k++]!;
        pos = shortest ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, digits);
        buf[pos++] = NEWLINE;
      }
    }
  } else {
    // rect (or any row-major layout): origin i, destination j.
    for (let i = tile.rowStart; i < tile.rowEnd; i++) {
      const nameStart = rowOffsets[i]!;
      const nameEnd = rowOffsets[i + 1]!;
      let from = colOffsets[0]!;
      for (let j = 0; j < m; j++) {
        for (let b = nameStart; b < nameEnd; b++) buf[pos++] = rowBytes[b]!;
        buf[pos++] = COMMA;
        const to = colOffsets[j + 1]!;
        for (let b = from; b < to; b++) buf[pos++] = colBytes[b]!;
        from = to;
        buf[pos++] = COMMA;
        const x = values[k++]!;
        pos = shortest ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, digits);
        buf[pos++] = NEWLINE;
      }
    }
  }
  return buf.subarray(0, pos);
}
