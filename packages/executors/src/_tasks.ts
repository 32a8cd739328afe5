/**
 * The task module the worker-based executors load in every worker thread and child process.
 * Its exports are the tasks (`@dmx/thread-pool` convention).
 * @module
 */
import type { Tile } from "./_layout.ts";
import type { TileJob, TileOutput, TileTarget } from "./_tile-job.ts";
import { runTile } from "./_tile-job.ts";

/**
 * Computes one tile (see `runTile`). Fault injection for tests: when the environment
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
  return runTile(job, tile, target, textInto);
}

/** URL of this module, from src (`.ts`) or dist (`.js`). @internal */
export function taskModuleUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./_tasks.ts" : "./_tasks.js", import.meta.url);
}
