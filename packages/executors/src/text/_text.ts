import type { Layout, Tile } from "../plan/_layout.ts";
import type { NameBytes } from "./_csv.ts";
import { writeFixed, writeShortest } from "./_float-text.ts";
import { encodeTileWasm } from "./_text-wasm.ts";

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
 * Smaller jobs (n·m below this) write shortest numbers in JavaScript: compiling the
 * WebAssembly writer and filling its tables costs a few ms (--cpu-prof of a 3-place
 * `dmx compute`), more than it saves on them. The same bytes either way: both write String(x).
 */
const WASM_TEXT_FROM = 20_000;

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
  if (precision === undefined && n * m >= WASM_TEXT_FROM) {
    // Shortest round-trip numbers: the WebAssembly writer, where there is WebAssembly.
    const length = encodeTileWasm(spec, layout, n, m, tile, values, at, size, buf);
    if (length >= 0) return buf.subarray(0, length);
  }
  const rowBytes = rows.bytes;
  const rowOffsets = rows.offsets;
  let pos = 0;
  let k = at;
  if (spec.format === "json") {
    if (tile.offset === 0 && tile.count > 0) {
      pos = writeNumber(buf, pos, values[k++]!, precision);
      pos = numbersRow(buf, pos, values, k, tile.count - 1, precision);
    } else {
      pos = numbersRow(buf, pos, values, k, tile.count, precision);
    }
  } else if (spec.format === "matrix") {
    const width = layout === "rect" ? m : n;
    for (let r = tile.rowStart; r < tile.rowEnd; r++) {
      for (let b = rowOffsets[r]!, end = rowOffsets[r + 1]!; b < end; b++)
        buf[pos++] = rowBytes[b]!;
      pos = numbersRow(buf, pos, values, k, width, precision);
      k += width;
      buf[pos++] = NEWLINE;
    }
  } else if (layout === "lower") {
    for (let j = tile.rowStart; j < tile.rowEnd; j++) {
      pos = lowerPairsRow(buf, pos, rowBytes, rowOffsets, j, values, k, precision);
      k += j;
    }
  } else {
    // rect (or any row-major layout): origin i, destination j.
    for (let i = tile.rowStart; i < tile.rowEnd; i++) {
      pos = rectPairsRow(buf, pos, rowBytes, rowOffsets, i, cols, m, values, k, precision);
      k += m;
    }
  }
  return buf.subarray(0, pos);
}

/**
 * Row j of the workshop's pairs (`name_i,name_j,d\n` for i < j). A function per row, called
 * thousands of times, gets optimized once and stays optimized (a loop over a whole tile
 * would be re-entered through on-stack replacement on every call).
 */
function lowerPairsRow(
  buf: Uint8Array,
  pos: number,
  bytes: Uint8Array,
  offsets: Uint32Array,
  j: number,
  values: ArrayLike<number>,
  k: number,
  precision: number | undefined,
): number {
  const nameStart = offsets[j]!;
  const nameEnd = offsets[j + 1]!;
  let from = offsets[0]!;
  for (let i = 0; i < j; i++) {
    const to = offsets[i + 1]!;
    for (let b = from; b < to; b++) buf[pos++] = bytes[b]!;
    from = to;
    buf[pos++] = COMMA;
    for (let b = nameStart; b < nameEnd; b++) buf[pos++] = bytes[b]!;
    buf[pos++] = COMMA;
    const x = values[k++]!;
    pos = precision === undefined ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, precision);
    buf[pos++] = NEWLINE;
  }
  return pos;
}

function writeNumber(
  buf: Uint8Array,
  pos: number,
  x: number,
  precision: number | undefined,
): number {
  return precision === undefined ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, precision);
}

/** `,d,d,...` for `count` values from `values[k]`. */
function numbersRow(
  buf: Uint8Array,
  pos: number,
  values: ArrayLike<number>,
  k: number,
  count: number,
  precision: number | undefined,
): number {
  for (let c = 0; c < count; c++) {
    buf[pos++] = COMMA;
    const x = values[k++]!;
    pos = precision === undefined ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, precision);
  }
  return pos;
}

/** Row i of origins × destinations pairs (`origin_i,dest_j,d\n` for every j). */
function rectPairsRow(
  buf: Uint8Array,
  pos: number,
  bytes: Uint8Array,
  offsets: Uint32Array,
  i: number,
  cols: NameBytes,
  m: number,
  values: ArrayLike<number>,
  k: number,
  precision: number | undefined,
): number {
  const nameStart = offsets[i]!;
  const nameEnd = offsets[i + 1]!;
  const colBytes = cols.bytes;
  const colOffsets = cols.offsets;
  let from = colOffsets[0]!;
  for (let j = 0; j < m; j++) {
    for (let b = nameStart; b < nameEnd; b++) buf[pos++] = bytes[b]!;
    buf[pos++] = COMMA;
    const to = colOffsets[j + 1]!;
    for (let b = from; b < to; b++) buf[pos++] = colBytes[b]!;
    from = to;
    buf[pos++] = COMMA;
    const x = values[k++]!;
    pos = precision === undefined ? writeShortest(buf, pos, x) : writeFixed(buf, pos, x, precision);
    buf[pos++] = NEWLINE;
  }
  return pos;
}
