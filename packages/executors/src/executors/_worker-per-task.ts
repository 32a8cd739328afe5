import { Worker } from "node:worker_threads";
import { ExecutorError } from "../_errors.ts";
import type { TileJob, TileOutput } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import type { Executor, ExecutorRunOptions, TileResult } from "./_executor.ts";
import { ordered } from "./_ordered.ts";
import { shareJob } from "./_share.ts";
import { taskModuleUrl } from "./_tasks.ts";

/** Most workers `worker-per-task` starts in one run: larger inputs get larger tasks. */
export const MAX_WORKERS_PER_RUN = 256;

function entryUrl(): URL {
  return new URL("./_task-worker.js", import.meta.url);
}

/**
 * Merges consecutive tiles so that there are at most `max` tasks.
 * @internal
 */
export function mergeTiles(tiles: readonly Tile[], max: number): Tile[] {
  if (tiles.length <= max) return [...tiles];
  const per = Math.ceil(tiles.length / max);
  const out: Tile[] = [];
  for (let i = 0; i < tiles.length; i += per) {
    const group = tiles.slice(i, i + per);
    const first = group[0]!;
    const last = group[group.length - 1]!;
    out.push({
      index: out.length,
      rowStart: first.rowStart,
      rowEnd: last.rowEnd,
      offset: first.offset,
      count: group.reduce((sum, t) => sum + t.count, 0),
    });
  }
  return out;
}

/**
 * `worker-per-task`: a brand-new worker thread for every task, ended when the task is done —
 * the thread-creation overhead lesson. Bounded: at most `threads` workers alive at once and
 * at most {@link MAX_WORKERS_PER_RUN} started per run (bigger inputs get bigger tasks); the
 * run's `notes` say so.
 */
export function workerPerTaskExecutor(threads: number): Executor {
  const live = new Set<Worker>();
  const notes: string[] = [];
  const close = async () => {
    await Promise.all([...live].map((w) => w.terminate()));
    live.clear();
  };
  return {
    name: "worker-per-task",
    threads,
    notes,
    async *run(job: TileJob, planned: readonly Tile[], options: ExecutorRunOptions = {}) {
      const tiles = mergeTiles(planned, MAX_WORKERS_PER_RUN);
      notes.length = 0;
      notes.push(
        `worker-per-task: ${tiles.length} ${tiles.length === 1 ? "task" : "tasks"}, one new worker thread each (at most ${MAX_WORKERS_PER_RUN} per run, ${threads} at a time)`,
      );
      const shared = shareJob(job);
      const moduleUrl = taskModuleUrl().href;
      const target = options.target;
      const submit = (tile: Tile) =>
        new Promise<TileResult>((resolve, reject) => {
          const worker = new Worker(entryUrl(), { workerData: { moduleUrl, job: shared, tile } });
          live.add(worker);
          let result: TileOutput | undefined;
          worker.once("message", (message: TileOutput) => {
            result = message;
          });
          worker.once("error", (error) => {
            live.delete(worker);
            reject(
              new ExecutorError(
                "WORKER_CRASHED",
                `worker-per-task: a worker failed: ${error.message}`,
                { cause: error },
              ),
            );
          });
          worker.once("exit", (code) => {
            live.delete(worker);
            if (result) {
              if (target && result.values) {
                target.set(result.values, tile.offset);
                resolve({ tile });
              } else resolve({ tile, ...result });
            } else {
              reject(
                new ExecutorError(
                  "WORKER_CRASHED",
                  `worker-per-task: a worker exited with code ${code} before answering`,
                ),
              );
            }
          });
        });
      yield* ordered(tiles, threads, submit, options.signal, close);
    },
    close,
  };
}
