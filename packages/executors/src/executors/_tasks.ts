/**
 * The task module the worker-based executors load in every worker thread and child process.
 * Its exports are the tasks (`@dmx/thread-pool` convention).
 * @module
 */
import { canWriteToFile, writeTileToFile } from "../kernel/_file-tile.ts";
import type { TileJob, TileOutput, TileTarget } from "../kernel/_tile-job.ts";
import { runTile } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";

/**
 * Computes one tile (see `runTile`). With a file target (`job.file`, binary output, no
 * `target`) a worker thread writes the tile into the file itself and answers `{}`. Fault injection for tests: when the environment
 * variable `DMX_CRASH_TILE` equals the tile's index, the worker (or child process) exits
 * abruptly instead, as a crashed worker would.
 */
export function tile(
  job: TileJob,
  tile: Tile,
  target?: TileTarget,
  textInto?: Uint8Array,
): TileOutput {
  const crash = globalThis.process?.env?.DMX_CRASH_TILE;
  if (crash !== undefined && crash === String(tile.index)) globalThis.process.exit(70);
  if (target === undefined && textInto === undefined && canWriteToFile(job)) {
    writeTileToFile(job, tile);
    return {};
  }
  return runTile(job, tile, target, textInto);
}

/** Does nothing: run once per worker to start the workers ahead of the first tile. */
export function ready(): void {}

/** URL of this module, from src (`.ts`) or dist (`.js`). @internal */
export function taskModuleUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./_tasks.ts" : "./_tasks.js", import.meta.url);
}
