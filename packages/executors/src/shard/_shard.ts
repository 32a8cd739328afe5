import type { KernelOptions, LocationTable } from "@dmx/geo";
import { ExecutorError } from "../_errors.ts";
import type { PreparedOutput } from "../matrix/_prepare.ts";
import type { Layout } from "../plan/_layout.ts";
import { layoutSize, rowCount, rowOffset } from "../plan/_layout.ts";

/** One slice of a run split in `count` parts: slice `index` of `count`, **1-based** (1..count). */
export interface ShardSpec {
  /** Which slice, from 1 to `count`. */
  readonly index: number;
  /** How many slices the run is split into (1 to {@link MAX_SHARDS}). */
  readonly count: number;
}

/** The rows and values of the output that one slice covers. */
export interface ShardRange {
  /** First row of the layout. */
  readonly rowStart: number;
  /** One past the last row. */
  readonly rowEnd: number;
  /** Values of the whole output before this slice. */
  readonly offset: number;
  /** Values in this slice (0 when there are more slices than rows). */
  readonly count: number;
}

/** The largest slice count `--shard k/K` accepts. */
export const MAX_SHARDS = 1_000_000;

/** Throws `BAD_OPTION` unless `spec` is a whole slice `1 <= index <= count <= MAX_SHARDS`. */
export function checkShard(spec: ShardSpec): void {
  const { index, count } = spec;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new ExecutorError(
      "BAD_OPTION",
      `the slice count must be a whole number from 1 to ${MAX_SHARDS}; got ${count}`,
    );
  }
  if (!Number.isInteger(index) || index < 1 || index > count) {
    throw new ExecutorError(
      "BAD_OPTION",
      `the slice must be a whole number from 1 to ${count} (1-based); got ${index}`,
    );
  }
}

/** ceil(total · j / count), exactly (total · j may exceed 2^53). */
function target(total: number, j: number, count: number): number {
  const K = BigInt(count);
  return Number((BigInt(total) * BigInt(j) + K - 1n) / K);
}

/**
 * Boundary `j` of `count` (0..count): the first row whose offset reaches
 * ceil(total · j / count). Binary search: offsets never decrease along the rows.
 */
export function shardBoundary(
  layout: Layout,
  n: number,
  m: number,
  j: number,
  count: number,
): number {
  const rows = rowCount(layout, n, m);
  if (j <= 0) return 0;
  if (j >= count) return rows;
  const want = target(layoutSize(layout, n, m), j, count);
  let lo = 0;
  let hi = rows;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowOffset(layout, n, m, mid) >= want) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The rows of slice `spec` of a layout, balanced by pair count, not by rows (the rows of a
 * triangle have unequal lengths). Deterministic: it depends only on the layout, `n`, `m` and
 * the spec. The law: slices 1..count are contiguous, in output order, and cover every row
 * once; boundary j is the first row whose offset reaches ceil(total · j / count), so each
 * slice holds total / count values give or take less than one row's length.
 *
 * @throws ExecutorError `BAD_OPTION` for a spec outside 1 <= index <= count
 */
export function shardRange(layout: Layout, n: number, m: number, spec: ShardSpec): ShardRange {
  checkShard(spec);
  const rowStart = shardBoundary(layout, n, m, spec.index - 1, spec.count);
  const rowEnd = shardBoundary(layout, n, m, spec.index, spec.count);
  const offset = rowOffset(layout, n, m, rowStart) + 0; // + 0: no -0 from an empty layout
  return { rowStart, rowEnd, offset, count: rowOffset(layout, n, m, rowEnd) - offset + 0 };
}

/** What `WriteMatrixOptions.slice` is told once the inputs are read. */
export interface SliceContext {
  /** The whole output, as a one-machine run would write it. */
  readonly prepared: PreparedOutput;
  readonly kernel: KernelOptions;
  readonly origins: LocationTable;
  readonly destinations: LocationTable | undefined;
}

/** Part of an output that `writeMatrix` writes instead of the whole (see `slice`). */
export interface OutputSlice {
  /** First row of the layout to compute. */
  readonly rowStart: number;
  /** One past the last row. */
  readonly rowEnd: number;
  /** Bytes written before the slice's values (instead of the whole output's prefix). */
  readonly prefix: Uint8Array;
  /**
   * Bytes written after them: fixed, or made from the count of bytes written before it
   * (prefix and values; text formats only, as binary files are sized up front).
   */
  readonly suffix: Uint8Array | ((written: number) => Uint8Array);
}

/**
 * The output of a slice as `writeMatrix` writes it: the slice's prefix, its fixed suffix
 * (empty when made later from the byte count) and its value count; `base` is the count of
 * values of the whole output before the slice (its tiles keep their whole-output offsets).
 */
export function slicedOutput(
  prepared: PreparedOutput,
  part: OutputSlice,
  origins: LocationTable,
  destinations: LocationTable | undefined,
): { prepared: PreparedOutput; base: number } {
  const n = origins.names.length;
  const m = destinations?.names.length ?? n;
  const base = rowOffset(prepared.layout, n, m, part.rowStart);
  const values = rowOffset(prepared.layout, n, m, part.rowEnd) - base;
  const suffix = typeof part.suffix === "function" ? new Uint8Array(0) : part.suffix;
  return { prepared: { ...prepared, prefix: part.prefix, suffix, values }, base };
}
