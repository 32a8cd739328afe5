import { ThreadPool, WorkerCrashedError } from "@dmx/thread-pool";
import { ExecutorError } from "../_errors.ts";
import type { DistanceArray } from "../kernel/_kernel.ts";
import type { TileJob, TileOutput } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import { textBound } from "../text/_text.ts";
import type { Executor, ExecutorRunOptions, TileResult } from "./_executor.ts";
import { completed, ordered } from "./_ordered.ts";
import { shareJob } from "./_share.ts";
import { taskModuleUrl } from "./_tasks.ts";

/** Converts a worker failure into `WORKER_CRASHED`; other errors pass through. */
export function crashError(error: unknown, who: string): unknown {
  if (
    error instanceof WorkerCrashedError ||
    (error as { name?: string })?.name === "WorkerCrashedError"
  ) {
    return new ExecutorError(
      "WORKER_CRASHED",
      `${who}: a worker crashed (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  return error;
}

/**
 * `thread-pool` and `shared`, both on `@dmx/thread-pool`.
 *
 * - `thread-pool`: each task's numbers (or text) come back by message, copied.
 * - `shared`: workers write straight into SharedArrayBuffers — numbers into the whole matrix
 *   for `computeMatrix`, or numbers or formatted text into a ring of tile slots when
 *   streaming — so nothing is copied back and nothing is allocated per tile.
 *
 * Both: with a file target (`job.file`, binary output) each worker writes its tiles straight
 * into the file at their positions and the results come back as they finish, in any order.
 */
export function poolExecutor(name: "thread-pool" | "shared", threads: number): Executor {
  let pool: ThreadPool | undefined;
  const getPool = () => {
    pool ??= new ThreadPool(taskModuleUrl(), { size: threads, name: `dmx ${name}` });
    return pool;
  };
  const close = async () => {
    const p = pool;
    pool = undefined;
    await p?.terminate();
  };
  const executor: Executor = {
    name,
    threads,
    notes: [],
    async *run(job: TileJob, tiles: readonly Tile[], options: ExecutorRunOptions = {}) {
      const { signal, target } = options;
      const shared = shareJob(job);
      const p = getPool();
      const window = threads * 2 + 1;
      let ring: DistanceArray | undefined;
      let slotSize = 0;
      const toFile = shared.file !== undefined && !job.text && !target;
      const inPlace = name === "shared" && !job.text && !toFile;
      if (inPlace && !target) {
        slotSize = Math.max(1, ...tiles.map((t) => t.count));
        const length = slotSize * Math.min(window, tiles.length);
        ring =
          job.dtype === "float32"
            ? new Float32Array(new SharedArrayBuffer(length * 4))
            : new Float64Array(new SharedArrayBuffer(length * 8));
      }
      // Text: a ring of byte slots, each big enough for any tile's text.
      let textRing: Uint8Array | undefined;
      let textSlot = 0;
      if (name === "shared" && job.text) {
        const n = job.kernel.origins.lat.length;
        const m = job.kernel.destinations?.lat.length ?? n;
        for (const t of tiles)
          textSlot = Math.max(textSlot, textBound(job.text, job.kernel.layout, n, m, t));
        // Slots start on 64-byte boundaries: copying into a SharedArrayBuffer at an odd
        // offset takes V8's byte-by-byte path (~6x slower than word by word).
        textSlot = Math.ceil(textSlot / 64) * 64;
        textRing = new Uint8Array(new SharedArrayBuffer(textSlot * Math.min(window, tiles.length)));
      }
      const sharedTarget =
        target && target.buffer instanceof SharedArrayBuffer ? target : undefined;
      const submit = async (tile: Tile, slot: number): Promise<TileResult> => {
        try {
          if (toFile) {
            // The worker writes the tile into the file itself (or, if it cannot, answers
            // with the values for the caller to write).
            const out = (await p.run("tile", [shared, tile])) as TileOutput;
            return { tile, ...out };
          }
          if (inPlace && sharedTarget) {
            await p.run("tile", [shared, tile, { array: sharedTarget, offset: tile.offset }]);
            return { tile };
          }
          if (inPlace && ring) {
            const offset = slot * slotSize;
            await p.run("tile", [shared, tile, { array: ring, offset }]);
            return { tile, values: ring.subarray(offset, offset + tile.count) };
          }
          if (textRing) {
            const offset = slot * textSlot;
            const into = textRing.subarray(offset, offset + textSlot);
            const out = (await p.run("tile", [shared, tile, undefined, into])) as TileOutput;
            return { tile, bytes: textRing.subarray(offset, offset + out.byteLength!) };
          }
          const out = (await p.run("tile", [shared, tile])) as TileOutput;
          return { tile, ...out };
        } catch (error) {
          throw crashError(error, name);
        }
      };
      yield* (toFile ? completed : ordered)(tiles, window, submit, signal, close);
    },
    close,
    warmUp() {
      const p = getPool();
      for (let i = 0; i < threads; i++) p.run("ready").catch(() => {});
    },
  };
  return executor;
}
