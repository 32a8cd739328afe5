import { randomBytes } from "node:crypto";
import { write } from "node:fs";
import { promisify } from "node:util";
import { Queue } from "bullmq";
import { connectRedis, redactUrl } from "./_connect.ts";
import type { Coordinator, CoordinatorOptions } from "./_coordinator-types.ts";
import { ClusterError } from "./_errors.ts";
import type { RunOptions, Tile, TileJob } from "./_executors-bridge.ts";
import { foreignExecutor } from "./_executors-bridge.ts";
import { doneKey, jobId, PREFIX, QUEUE, RUN_ID, resultKey, runKey } from "./_keys.ts";
import { recycleReply } from "./_reply-memory.ts";
import { decodeResult, resultBody } from "./_result-codec.ts";
import { encodeRun } from "./_run-codec.ts";
import { countWorkers, sleep, withDeadline } from "./_util.ts";

export type { ClusterStatus, Coordinator, CoordinatorOptions } from "./_coordinator-types.ts";

const writeAt = promisify(write);

/**
 * Hands a stored tile to the consumer: straight into the output file when the job carries
 * a file target of this process (binary output; what the local thread executors do, so
 * the values are neither copied nor aligned on the main thread), else as the values or
 * text an executor yields.
 */
async function deliver(job: TileJob, tile: Tile, data: Buffer) {
  const file = job.file;
  if (!file || job.text || file.pid !== process.pid) return decodeResult(job, tile, data);
  const body = resultBody(job, tile, data);
  const position = file.start + tile.offset * (job.dtype === "float32" ? 4 : 8);
  for (let at = 0; at < body.length; ) {
    at += (await writeAt(file.fd, body, at, body.length - at, position + at)).bytesWritten;
  }
  return { tile };
}

/** How often the coordinator checks Redis, the workers and the head tile while it waits. */
const CHECK_MS = 1000;
/** Say "waiting for workers" after this long without one. */
const NO_WORKER_NOTICE_MS = 2000;

/**
 * Connects to Redis and returns a coordinator: an executor that stores the run once (one
 * binary key with a TTL), enqueues tile jobs on BullMQ within a bounded window, and yields
 * the finished tiles in order, deleting each from Redis once the consumer has written it.
 * Pass it to `writeMatrix` (or use {@link submitMatrix}); close it after.
 *
 * @throws ClusterError `REDIS_UNAVAILABLE` (within 3 s), `BAD_OPTION`
 */
export async function createCoordinator(options: CoordinatorOptions): Promise<Coordinator> {
  const runId = options.resume ?? randomBytes(6).toString("hex");
  if (!RUN_ID.test(runId)) {
    throw new ClusterError(
      "BAD_OPTION",
      `a run id is 4 to 32 lowercase letters or digits; got "${runId}"`,
    );
  }
  const window = options.window ?? 12;
  if (!Number.isInteger(window) || window < 1 || window > 10_000) {
    throw new ClusterError(
      "BAD_OPTION",
      `window must be an integer from 1 to 10000; got ${window}`,
    );
  }
  const ttlMs = (options.ttlSeconds ?? 3600) * 1000;
  const downMs = options.redisDownMs ?? 30_000;
  const client = await connectRedis(options.redis, `dmx-coordinator-${runId}`, {
    caFile: options.redisCa,
  });
  // A second connection for BLPOP: workers push each finished tile's index to the run's
  // done list, which wakes the coordinator at once instead of at its next poll.
  const blocker = client.duplicate();
  blocker.on("error", () => {});
  blocker.connect().catch(() => {}); // it reconnects by itself; until then, plain polling
  const queue = new Queue(QUEUE, { connection: client, prefix: PREFIX });
  queue.on("error", () => {}); // connection trouble is watched through client.status
  const where = redactUrl(options.redis);
  const log = options.log ?? (() => {});
  let resumedTiles = 0;

  async function* run(job: TileJob, tiles: readonly Tile[], runOptions: RunOptions = {}) {
    const { signal } = runOptions;
    const call = <T>(p: Promise<T>) =>
      withDeadline(
        p,
        downMs,
        () =>
          new ClusterError(
            "REDIS_UNAVAILABLE",
            `Redis at ${where} did not answer for ${downMs / 1000} s`,
          ),
      );
    const bytes = encodeRun(job, tiles);
    const key = runKey(runId);
    if (options.resume) {
      const stored = await call(client.getBuffer(key));
      if (stored && !Buffer.from(bytes).equals(stored)) {
        throw new ClusterError(
          "RESUME_MISMATCH",
          `run ${runId} in Redis was started with another input or other options`,
        );
      }
      if (!stored)
        log(
          `run ${runId} is not in Redis (finished, cancelled long ago or expired): computing every tile`,
        );
    }
    await call(client.set(key, Buffer.from(bytes), "PX", ttlMs));

    const total = tiles.reduce((s, t) => s + t.count, 0);
    const started = performance.now();
    const queued = new Set<number>();
    let nextToQueue = 0;
    let valuesDone = 0;
    let tilesDone = 0;
    let workers = 0;
    let lastCheck = Number.NEGATIVE_INFINITY; // the first check at once, not 1 s after start-up
    let noWorkerSince: number | undefined = performance.now();
    let saidWaiting = false;
    let downSince: number | undefined;

    const enqueue = async () => {
      const batch: number[] = [];
      while (nextToQueue < tiles.length && queued.size + batch.length < window)
        batch.push(nextToQueue++);
      if (batch.length === 0) return;
      const fresh: number[] = [];
      if (options.resume) {
        const exists = await call(
          Promise.all(batch.map((i) => client.exists(resultKey(runId, i)))),
        );
        batch.forEach((i, k) => {
          if (exists[k]) resumedTiles++;
          else fresh.push(i);
        });
      } else fresh.push(...batch);
      await call(
        queue.addBulk(
          fresh.map((i) => ({
            name: "tile",
            data: { run: runId, tile: i },
            opts: {
              jobId: jobId(runId, i),
              removeOnComplete: true,
              removeOnFail: { age: 24 * 3600 },
              attempts: 3,
              backoff: { type: "fixed", delay: 1000 },
            },
          })),
        ),
      );
      for (const i of batch) queued.add(i);
    };

    const status = () => {
      const elapsedMs = performance.now() - started;
      const rate = valuesDone / Math.max(elapsedMs / 1000, 1e-3);
      options.onStatus?.({
        runId,
        tilesDone,
        tiles: tiles.length,
        valuesDone,
        values: total,
        workers,
        elapsedMs,
        valuesPerSecond: rate,
        etaMs: valuesDone > 0 ? ((total - valuesDone) / rate) * 1000 : undefined,
      });
    };

    /** Checks Redis, the run's data, the workers and the head tile's job. */
    const check = async (head: Tile) => {
      const now = performance.now();
      if (client.status !== "ready") {
        downSince ??= now;
        if (now - downSince > downMs) {
          throw new ClusterError(
            "REDIS_UNAVAILABLE",
            `lost Redis at ${where} for more than ${downMs / 1000} s`,
          );
        }
        return;
      }
      downSince = undefined;
      if (!(await call(client.exists(key)))) {
        throw new ClusterError(
          "RUN_LOST",
          `Redis at ${where} lost run ${runId} (restarted without persistence, flushed, or expired)`,
        );
      }
      await call(client.pexpire(key, ttlMs));
      workers = await call(countWorkers(client));
      if (workers > 0) {
        if (saidWaiting) log(`${workers} worker${workers === 1 ? "" : "s"} seen; computing`);
        noWorkerSince = undefined;
        saidWaiting = false;
      } else {
        noWorkerSince ??= now;
        if (!saidWaiting && now - noWorkerSince >= NO_WORKER_NOTICE_MS) {
          log(
            `waiting for workers: none seen on ${where} (start one with: dmx worker --redis URL)`,
          );
          saidWaiting = true;
        }
        if (options.timeoutMs !== undefined && now - noWorkerSince >= options.timeoutMs) {
          throw new ClusterError(
            "NO_WORKERS",
            `no worker seen on ${where} for ${Math.round(options.timeoutMs / 1000)} s`,
          );
        }
      }
      const id = jobId(runId, head.index);
      const state = await call(queue.getJobState(id));
      if (state === "failed") {
        const failed = await call(queue.getJob(id));
        throw new ClusterError(
          "TILE_FAILED",
          `tile ${head.index} failed on a worker: ${failed?.failedReason ?? "no reason given"}`,
        );
      }
      if (state === "unknown" && !(await call(client.exists(resultKey(runId, head.index))))) {
        // Its job vanished without a result (removed by hand, or Redis lost it): add it again.
        queued.delete(head.index);
        await call(
          queue.add(
            "tile",
            { run: runId, tile: head.index },
            { jobId: id, removeOnComplete: true, attempts: 3 },
          ),
        );
        queued.add(head.index);
      }
      status();
    };

    const cancel = async () => {
      const ids = [...queued].map((i) => jobId(runId, i));
      await withDeadline(
        Promise.allSettled(ids.map((id) => queue.remove(id))),
        2000,
        () => new Error("cancel timed out"),
      ).catch(() => {});
    };

    let finished = false;
    try {
      await enqueue();
      for (const tile of tiles) {
        let pause = 100;
        for (;;) {
          signal?.throwIfAborted();
          const now = performance.now();
          if (now - lastCheck >= CHECK_MS) {
            lastCheck = now;
            await check(tile);
          }
          if (client.status === "ready") {
            // Taken and deleted in one round trip (GETDEL): this tile is written next, and
            // Redis has room for another. (A coordinator killed now loses the tile with its
            // temp file, as it would a moment later: --resume computes it again.)
            const data = await call(client.getdelBuffer(resultKey(runId, tile.index)));
            if (data) {
              yield await deliver(job, tile, data);
              // The consumer asks for the next tile: by the executor contract it has finished
              // with this one's arrays (views of `data`), so its memory can take the next.
              recycleReply(data);
              queued.delete(tile.index);
              valuesDone += tile.count;
              tilesDone++;
              await enqueue();
              break;
            }
          }
          if (client.status === "ready" && blocker.status === "ready") {
            // Wait for any tile to finish (at most `pause`); a stale entry only wakes us early.
            // Ctrl-C is seen within `pause` (at most 0.5 s).
            await withDeadline(
              blocker.blpop(doneKey(runId), pause / 1000),
              pause + 1000,
              () => new Error("blpop"),
            ).catch(() => {});
            signal?.throwIfAborted();
          } else await sleep(pause, signal);
          pause = Math.min(pause * 2, 500);
        }
      }
      status();
      await call(client.del(key, doneKey(runId)));
      finished = true;
    } finally {
      // Failed, aborted, or the consumer stopped early: take the queued tiles back (the
      // finished ones stay, for --resume, until their TTL).
      if (!finished && client.status === "ready") await cancel();
    }
  }

  const executor = foreignExecutor("cluster", {
    threads: 1,
    notes: [],
    run: (job, tiles, o) => run(job, tiles, o),
    async close() {
      await queue.close().catch(() => {});
      blocker.disconnect();
      client.disconnect();
    },
  });
  return Object.defineProperties(executor, {
    runId: { value: runId, enumerable: true },
    resumedTiles: { get: () => resumedTiles, enumerable: true },
  }) as Coordinator;
}
