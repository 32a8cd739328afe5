import { ClusterError } from "./_errors.ts";
import type { Executor, Layout, Tile, TileJob } from "./_executors-bridge.ts";
import { rowLength } from "./_executors-bridge.ts";

/** Largest tile a worker accepts, in values (256 MB of float64). */
export const MAX_TILE_VALUES = 1 << 25;
/** Smallest piece a tile is split into for the local threads. */
const MIN_PIECE_VALUES = 4096;

/**
 * Splits `tile` into about `pieces` pieces of whole rows with their global offsets, so the
 * local threads share one tile; concatenated, their outputs are the tile's output (text
 * tiles too: a piece knows from its offset whether it starts the output).
 */
export function splitTile(
  layout: Layout,
  n: number,
  m: number,
  tile: Tile,
  pieces: number,
): Tile[] {
  const target = Math.max(MIN_PIECE_VALUES, Math.ceil(tile.count / Math.max(1, pieces)));
  const out: Tile[] = [];
  let start = tile.rowStart;
  let offset = tile.offset;
  while (start < tile.rowEnd) {
    let end = start;
    let count = 0;
    while (end < tile.rowEnd && (count < target || count === 0)) {
      count += rowLength(layout, n, m, end);
      end++;
    }
    if (count === 0 && out.length > 0) {
      const last = out.pop()!;
      out.push({ ...last, rowEnd: end });
      break;
    }
    out.push({ index: out.length, rowStart: start, rowEnd: end, offset, count });
    offset += count;
    start = end;
  }
  return out;
}

/**
 * Computes one tile of `job` with a local executor (split across its threads) and returns
 * its bytes (the values, little-endian, or the formatted text) in one buffer, after
 * `reserve` bytes left free for a header: each piece is copied once, straight to its place.
 * `alloc(size)` gives that buffer (default: a new one; a caller may reuse its buffers).
 */
export async function computeTile(
  executor: Executor,
  job: TileJob,
  tile: Tile,
  reserve = 0,
  alloc: (size: number) => Buffer = Buffer.allocUnsafe,
): Promise<Buffer> {
  if (tile.count > MAX_TILE_VALUES) {
    throw new ClusterError(
      "BAD_JOB",
      `tile of ${tile.count} values is over the limit of ${MAX_TILE_VALUES}`,
    );
  }
  const n = job.kernel.origins.lat.length;
  const m = job.kernel.destinations?.lat.length ?? n;
  const pieces = splitTile(job.kernel.layout, n, m, tile, executor.threads * 2);
  const size = job.dtype === "float32" ? 4 : 8;
  // Numbers: the size is known, so each piece goes straight into the framed buffer. Text:
  // the pieces are kept (copied: a result's memory may be reused once the next is asked
  // for) and joined at the end.
  const out = job.text ? undefined : alloc(reserve + tile.count * size);
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const r of executor.run({ ...job, file: undefined }, pieces)) {
    const src =
      r.bytes ??
      (r.values && new Uint8Array(r.values.buffer, r.values.byteOffset, r.values.byteLength));
    if (!src) throw new ClusterError("BAD_JOB", "the local executor returned no data for a piece");
    if (out) {
      if (reserve + length + src.length > out.length) {
        throw new ClusterError(
          "BAD_JOB",
          `computed over ${tile.count * size} bytes for ${tile.count} values`,
        );
      }
      out.set(src, reserve + length);
    } else chunks.push(src.slice());
    length += src.length;
  }
  if (out) {
    if (length !== tile.count * size) {
      throw new ClusterError("BAD_JOB", `computed ${length} bytes for ${tile.count} values`);
    }
    return out;
  }
  const text = alloc(reserve + length);
  let at = reserve;
  for (const c of chunks) {
    text.set(c, at);
    at += c.length;
  }
  return text;
}
