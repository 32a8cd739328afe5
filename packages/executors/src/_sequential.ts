import type { Executor, RunOptions, TileResult } from "./_executor.ts";
import type { Tile } from "./_layout.ts";
import type { TileJob } from "./_tile-job.ts";
import { runTile } from "./_tile-job.ts";
import { yieldToEventLoop } from "./_util.ts";

/**
 * `sequential`: every tile in the main thread, one after the other. The baseline: no
 * overhead, no parallelism. Yields to the event loop between tiles so I/O and Ctrl-C flow.
 */
export function sequentialExecutor(name: "sequential" | "async" = "sequential"): Executor {
  return {
    name,
    threads: 1,
    notes: [],
    async *run(job: TileJob, tiles: readonly Tile[], options: RunOptions = {}) {
      const { signal, target } = options;
      let lastYield = performance.now();
      for (const tile of tiles) {
        signal?.throwIfAborted();
        const out = runTile(job, tile, target ? { array: target, offset: tile.offset } : undefined);
        const result: TileResult = { tile, ...out };
        yield result;
        if (performance.now() - lastYield > 50) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
    },
    async close() {},
  };
}
