import { yieldToEventLoop } from "../_util.ts";
import type { TileJob } from "../kernel/_tile-job.ts";
import { runTile } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import type { Executor, ExecutorRunOptions, TileResult } from "./_executor.ts";
import { AsyncQueue } from "./_queue.ts";

/**
 * `async`: a producer/consumer pipeline in the main thread. A calculator task computes tiles
 * into a bounded queue; the consumer (the writer) drains it. Nothing runs in parallel: what
 * overlaps is waiting (reading, writing), which is the asyncio lesson. `writeMatrix` puts a
 * streaming reader stage in front of it when the input is a file.
 */
export function asyncExecutor(): Executor {
  return {
    name: "async",
    threads: 1,
    notes: [],
    async *run(job: TileJob, tiles: readonly Tile[], options: ExecutorRunOptions = {}) {
      const { signal, target } = options;
      const queue = new AsyncQueue<TileResult>(2);
      const calculator = (async () => {
        try {
          for (const tile of tiles) {
            signal?.throwIfAborted();
            const at = target ? { array: target, offset: tile.offset } : undefined;
            await queue.push({ tile, ...runTile(job, tile, at) });
            await yieldToEventLoop();
          }
          queue.close();
        } catch (error) {
          queue.fail(error);
        }
      })();
      try {
        yield* queue;
      } finally {
        queue.fail(new Error("consumer stopped"));
        await calculator;
      }
    },
    async close() {},
  };
}
