import { fileURLToPath } from "node:url";
import type workerpool from "workerpool";
import { ExecutorError } from "../_errors.ts";
import type { TileJob, TileOutput } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import type { Executor, ExecutorRunOptions, TileResult } from "./_executor.ts";
import { ordered } from "./_ordered.ts";
import { shareJob } from "./_share.ts";
import { taskModuleUrl } from "./_tasks.ts";

type Pool = ReturnType<typeof workerpool.pool>;

/**
 * The `workerpool` library, imported on first use: it is CommonJS, and importing CommonJS from
 * ES modules costs start-up time every `dmx` run would pay even when it uses another executor.
 */
let library: Promise<typeof workerpool> | undefined;
const loadWorkerpool = () => {
  library ??= import("workerpool").then((m) => m.default);
  return library;
};

/**
 * `workerpool`: the same tiles on the popular `workerpool` library (worker threads), for
 * comparison with our pool. Its worker script is plain JS (`_workerpool-worker.js`).
 */
export function workerpoolExecutor(threads: number): Executor {
  let pool: Pool | undefined;
  const close = async () => {
    const p = pool;
    pool = undefined;
    await p?.terminate(true);
  };
  return {
    name: "workerpool",
    threads,
    notes: [],
    async *run(job: TileJob, tiles: readonly Tile[], options: ExecutorRunOptions = {}) {
      const lib = await loadWorkerpool();
      pool ??= lib.pool(fileURLToPath(new URL("./_workerpool-worker.js", import.meta.url)), {
        maxWorkers: threads,
        workerType: "thread",
        workerThreadOpts: { workerData: { moduleUrl: taskModuleUrl().href } },
      });
      const p = pool;
      const shared = shareJob(job);
      const target = options.target;
      const submit = async (tile: Tile): Promise<TileResult> => {
        let out: TileOutput;
        try {
          out = (await p.exec("tile", [shared, tile])) as TileOutput;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (/terminated|exited|crash/i.test(message)) {
            throw new ExecutorError("WORKER_CRASHED", `workerpool: a worker crashed (${message})`, {
              cause: error,
            });
          }
          throw error;
        }
        if (target && out.values) {
          target.set(out.values, tile.offset);
          return { tile };
        }
        return { tile, ...out };
      };
      yield* ordered(tiles, threads * 2 + 1, submit, options.signal, close);
    },
    close,
  };
}
