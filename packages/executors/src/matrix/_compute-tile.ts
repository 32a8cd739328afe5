import type { Executor } from "../executors/_executor.ts";
import type { TileJob, TileOutput } from "../kernel/_tile-job.ts";
import { allocate } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import { splitTile } from "../plan/_layout.ts";
import { DEFAULT_TEXT_TILE_VALUES, DEFAULT_TILE_VALUES } from "./_compute-matrix.ts";

/** Options of {@link computeTile}. */
export interface ComputeTileOptions {
  /** Cancels the run. */
  readonly signal?: AbortSignal | undefined;
  /** Values per sub-tile (default: 65,536 for text, else 262,144). */
  readonly tileValues?: number | undefined;
}

/**
 * Computes one tile of a job with an executor: the tile is split into smaller ones that the
 * executor runs (e.g. a large tile that a coordinator handed to this machine, computed on all
 * its cores with a `shared` executor), and the result is the same as `runTile(job, tile)`:
 * the tile's values, or its text for text formats. A file target in the job is ignored.
 */
export async function computeTile(
  job: TileJob,
  tile: Tile,
  executor: Executor,
  options: ComputeTileOptions = {},
): Promise<TileOutput> {
  const n = job.kernel.origins.lat.length;
  const m = job.kernel.destinations?.lat.length ?? n;
  const local: TileJob = { kernel: job.kernel, dtype: job.dtype, text: job.text };
  const size = options.tileValues ?? (job.text ? DEFAULT_TEXT_TILE_VALUES : DEFAULT_TILE_VALUES);
  const tiles = splitTile(job.kernel.layout, n, m, tile, size);
  const run = executor.run(local, tiles, { signal: options.signal });
  if (job.text) {
    const parts: Uint8Array[] = [];
    let length = 0;
    for await (const r of run) {
      const bytes = r.bytes!.slice(); // a result's arrays may be reused after the next pull
      parts.push(bytes);
      length += bytes.length;
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return { bytes };
  }
  const values = allocate(job.dtype, tile.count);
  for await (const r of run) values.set(r.values!, r.tile.offset - tile.offset);
  return { values };
}
