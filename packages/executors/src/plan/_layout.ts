/**
 * Layouts of the pair space and how they split into tiles of whole rows.
 *
 * - `condensed`: SciPy `pdist` order, row i = (i, j) for j > i.
 * - `lower`: the lower triangle (the `pairs` order), row j = (i, j) for i < j.
 * - `square`: n × n, row r = d(r, c) for every c (zero on the diagonal).
 * - `rect`: origins × destinations, row-major.
 */
export type Layout = "condensed" | "lower" | "square" | "rect";

/** A run of whole rows `[rowStart, rowEnd)` that fills `count` values from `offset`. */
export interface Tile {
  /** Position of the tile in the plan (0, 1, 2, ...). */
  readonly index: number;
  /** First row. */
  readonly rowStart: number;
  /** One past the last row. */
  readonly rowEnd: number;
  /** Values before this tile in the whole output. */
  readonly offset: number;
  /** Values in this tile. */
  readonly count: number;
}

/** Number of rows of a layout (`n` origins, `m` destinations for `rect`). */
export function rowCount(layout: Layout, n: number, _m: number): number {
  return layout === "condensed" ? Math.max(n - 1, 0) : n;
}

/** Values in row `row`. */
export function rowLength(layout: Layout, n: number, m: number, row: number): number {
  switch (layout) {
    case "condensed":
      return n - 1 - row;
    case "lower":
      return row;
    case "square":
      return n;
    case "rect":
      return m;
  }
}

/** Values before row `row`. */
export function rowOffset(layout: Layout, n: number, m: number, row: number): number {
  switch (layout) {
    case "condensed":
      return (row * (2 * n - row - 1)) / 2;
    case "lower":
      return (row * (row - 1)) / 2;
    case "square":
      return row * n;
    case "rect":
      return row * m;
  }
}

/** Values in the whole layout. */
export function layoutSize(layout: Layout, n: number, m: number): number {
  return rowOffset(layout, n, m, rowCount(layout, n, m));
}

/**
 * Splits the rows of a layout into tiles of about `targetValues` values each (never less
 * than one row, never more than `maxRows` rows), in output order. Empty rows are folded
 * into their neighbours, so every tile holds at least one value (unless the layout is empty).
 * With `range`, only rows `[rowStart, rowEnd)` are planned (one slice of the output); the
 * tiles keep their offsets in the whole output.
 */
export function planTiles(
  layout: Layout,
  n: number,
  m: number,
  targetValues: number,
  maxRows = Number.POSITIVE_INFINITY,
  range?: { readonly rowStart: number; readonly rowEnd: number },
): Tile[] {
  const rows = range?.rowEnd ?? rowCount(layout, n, m);
  const tiles: Tile[] = [];
  let start = range?.rowStart ?? 0;
  let offset = rowOffset(layout, n, m, start) + 0; // + 0: never -0
  while (start < rows) {
    let end = start;
    let count = 0;
    while (end < rows && (count < targetValues || count === 0) && end - start < maxRows) {
      count += rowLength(layout, n, m, end);
      end++;
    }
    if (count === 0 && end === rows && tiles.length > 0) {
      const last = tiles.pop()!;
      tiles.push({ ...last, rowEnd: end });
      break;
    }
    tiles.push({ index: tiles.length, rowStart: start, rowEnd: end, offset, count });
    offset += count;
    start = end;
  }
  return tiles;
}

/** The layouts, for validation and help texts. */
export const layouts: readonly Layout[] = ["condensed", "lower", "square", "rect"];

/**
 * Splits one tile into smaller tiles of about `targetValues` values, with the offsets and
 * indices of the whole output kept (so text formats still know where the output starts):
 * e.g. to compute a large tile handed out by a coordinator on several local workers.
 */
export function splitTile(
  layout: Layout,
  n: number,
  m: number,
  tile: Tile,
  targetValues: number,
): Tile[] {
  const tiles: Tile[] = [];
  let start = tile.rowStart;
  let offset = tile.offset;
  while (start < tile.rowEnd) {
    let end = start;
    let count = 0;
    while (end < tile.rowEnd && (count < targetValues || count === 0)) {
      count += rowLength(layout, n, m, end);
      end++;
    }
    tiles.push({ index: tile.index, rowStart: start, rowEnd: end, offset, count });
    offset += count;
    start = end;
  }
  return tiles;
}
