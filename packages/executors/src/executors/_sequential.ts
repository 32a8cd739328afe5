import { yieldToEventLoop } from "../_util.ts";
import type { TileJob } from "../kernel/_tile-job.ts";
import { runTile } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import { textBound } from "../text/_text.ts";
import type { Executor, ExecutorRunOptions, TileResult } from "./_executor.ts";

/**
 * `sequential`: every tile in the main thread, one after the other. The baseline: no
 * overhead, no parallelism. Yields to the event loop between tiles so I/O and Ctrl-C flow.
 */
export function sequentialExecutor(name: "sequential" | "async" = "sequential"): Executor {
  return {
    name,
    threads: 1,
    notes: [],
    async *run(job: TileJob, tiles: readonly Tile[], options: ExecutorRunOptions = {}) {
      const { signal, target } = options;
      let lastYield = performance.now();
      const n = job.kernel.origins.lat.length;
      const m = job.kernel.destinations?.lat.length ?? n;
      // Text goes into one buffer, reused for every tile (a result's arrays may be reused
      // once the next one is asked for): no 2.5 MB allocation, and no garbage, per tile.
      let text = new Uint8Array(0);
      for (const tile of tiles) {
        signal?.throwIfAborted();
        let result: TileResult;
        if (job.text && !target) {
          const bound = textBound(job.text, job.kernel.layout, n, m, tile);
          if (text.length < bound) text = new Uint8Array(bound);
          const out = runTile(job, tile, undefined, text);
          result = { tile, bytes: text.subarray(0, out.byteLength) };
        } else {
          const out = runTile(
            job,
            tile,
            target ? { array: target, offset: tile.offset } : undefined,
          );
          result = { tile, ...out };
        }
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
