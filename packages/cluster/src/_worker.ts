import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { computeTile } from "./_compute-tile.ts";
import { connectRedis, redactUrl, scrub } from "./_connect.ts";
import { ClusterError } from "./_errors.ts";
import type { Executor } from "./_executors-bridge.ts";
import { createExecutor } from "./_executors-bridge.ts";
import { doneKey, PREFIX, QUEUE, RUN_ID, resultKey, runKey, workerKey } from "./_keys.ts";
import { repeatedLines } from "./_repeated.ts";
import { frameResult, RESULT_HEADER } from "./_result-codec.ts";
import { decodeRun, type StoredRun } from "./_run-codec.ts";

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /** Redis URL: `redis://[:password@]host[:port][/db]`, or `rediss://` for TLS. */
  readonly redis: string;
  /** PEM file of the CA of a `rediss://` server's certificate (default: Node's CAs). */
  readonly redisCa?: string | undefined;
  /** Threads of the local `shared` executor (default: all cores). */
  readonly threads?: number | undefined;
  /** Tile jobs taken at once (default 2: one uploads while the next computes). */
  readonly concurrency?: number | undefined;
  /** How long a taken job stays locked without renewal (default 30,000 ms; BullMQ's). */
  readonly lockDurationMs?: number | undefined;
  /** How often stalled jobs (of dead workers) are looked for (default 30,000 ms; BullMQ's). */
  readonly stalledIntervalMs?: number | undefined;
  /** Times a tile may stall before it fails (default 3). */
  readonly maxStalledCount?: number | undefined;
  /** Lifetime of a finished tile in Redis until the coordinator takes it (default 3,600 s). */
  readonly resultTtlSeconds?: number | undefined;
  /** One line per tile, and problems; default: nothing. */
  readonly log?: ((line: string) => void) | undefined;
}

/** A running worker. */
export interface WorkerHandle {
  /** This worker's id (its heartbeat key in Redis). */
  readonly id: string;
  /** Tiles computed so far. */
  readonly tilesDone: number;
  /**
   * Whether {@link close} stopped without finishing the tiles in hand, because Redis was
   * unreachable for 5 s while closing (their locks expire and other workers take them).
   * BullMQ's timers may then keep the process alive: a CLI should end it.
   */
  readonly abandoned: boolean;
  /**
   * Stops taking jobs, finishes the ones it has, and disconnects; without Redis for 5 s,
   * stops anyway (see {@link abandoned}). Idempotent.
   */
  close(): Promise<void>;
}

const HEARTBEAT_MS = 2000;
/** How long a closing worker waits for an unreachable Redis before it stops anyway. */
const CLOSE_OFFLINE_MS = 5000;

/** Resolves once `client` has been without a connection for `ms` on end (checked 4x/s). */
function whenOffline(client: { status: string }, ms: number) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let since: number | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      const now = performance.now();
      if (client.status === "ready") since = undefined;
      else {
        since ??= now;
        if (now - since >= ms) resolve();
      }
    }, 250);
  });
  return { promise, cancel: () => clearInterval(timer) };
}
/** Runs whose stored data a worker keeps decoded. */
const CACHED_RUNS = 4;

function malformed(message: string): never {
  throw new UnrecoverableError(`malformed tile job: ${message}`);
}

/**
 * Starts a worker: it takes tile jobs from the queue, rebuilds each tile from its run's
 * stored data (checked: queue contents are untrusted), computes it with the local `shared`
 * executor, stores the tile's bytes under a result key with a TTL and completes the job. A
 * malformed job fails alone; the worker goes on. If the worker dies mid-tile, BullMQ's
 * stalled-job check hands the tile to another worker.
 *
 * @throws ClusterError `REDIS_UNAVAILABLE` (within 3 s), `BAD_OPTION`
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const log = options.log ?? (() => {});
  const id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const client = await connectRedis(options.redis, `dmx-worker-${id}`, { caFile: options.redisCa });
  let executor: Executor | undefined;
  try {
    executor = await createExecutor("shared", { threads: options.threads });
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const local = executor;
  // Start the threads (and load the kernels) now, not on the first tile of the first run.
  local.warmUp?.();
  const ttlMs = (options.resultTtlSeconds ?? 3600) * 1000;
  const runs = new Map<string, StoredRun>();
  // Tile buffers, reused: a fresh multi-megabyte buffer per tile costs a page fault per
  // 4 kB on first touch (the profile of an output-bound run showed it on the main thread).
  const spare: Buffer[] = [];
  const take = (size: number): Buffer => {
    const i = spare.findIndex((b) => b.length >= size);
    return i >= 0 ? spare.splice(i, 1)[0]! : Buffer.allocUnsafeSlow(size);
  };
  let tilesDone = 0;

  const storedRun = async (run: string): Promise<StoredRun> => {
    const cached = runs.get(run);
    if (cached) return cached;
    const data = await client.getBuffer(runKey(run));
    if (!data) throw new UnrecoverableError(`unknown run ${run} (finished, cancelled or expired)`);
    const decoded = decodeRun(data);
    runs.set(run, decoded);
    if (runs.size > CACHED_RUNS) runs.delete(runs.keys().next().value!);
    return decoded;
  };

  const processor = async (job: Job) => {
    const data: unknown = job.data;
    if (typeof data !== "object" || data === null) malformed("data is not an object");
    const { run, tile: index } = data as { run?: unknown; tile?: unknown };
    if (typeof run !== "string" || !RUN_ID.test(run)) malformed("run is not a run id");
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0) {
      malformed("tile is not a tile index");
    }
    let stored: StoredRun;
    try {
      stored = await storedRun(run);
    } catch (error) {
      if (error instanceof UnrecoverableError) throw error;
      throw new UnrecoverableError((error as Error).message);
    }
    const tile = stored.tiles[index];
    if (!tile) malformed(`run ${run} has ${stored.tiles.length} tiles; got tile ${index}`);
    const started = performance.now();
    let framed: Buffer;
    let full: Buffer | undefined;
    try {
      // The tile's bytes land once, after room for the header, and go to Redis as they are.
      framed = await computeTile(local, stored.job, tile, RESULT_HEADER, (size) => {
        full = take(size);
        return full.subarray(0, size);
      });
    } catch (error) {
      // A tile too large for this worker fails for good; a crashed thread may be retried.
      if (full && spare.length < 4) spare.push(full);
      if (error instanceof ClusterError) throw new UnrecoverableError(error.message);
      throw error;
    }
    // Only while the run exists: a cancelled or finished run gets no stray result. The
    // result first, then the wake-up call (a plain SET: a MULTI would copy the tile's bytes
    // once more into one pipeline buffer). Dying between them is harmless: the job is not
    // completed, so it runs again and stores the same bytes.
    try {
      if (!(await client.exists(runKey(run)))) return { skipped: true };
      await client.set(resultKey(run, index), frameResult(stored.job, index, framed), "PX", ttlMs);
    } finally {
      // Settled: ioredis has written (copied) the bytes, or given up on them.
      if (full && spare.length < 4) spare.push(full);
    }
    await client.multi().rpush(doneKey(run), String(index)).pexpire(doneKey(run), ttlMs).exec();
    const bytes = framed.length - RESULT_HEADER;
    tilesDone++;
    const ms = performance.now() - started;
    log(
      `run ${run} tile ${index + 1}/${stored.tiles.length}: rows ${tile.rowStart}-${tile.rowEnd}, ${tile.count} values, ${bytes} bytes, ${(ms / 1000).toFixed(2)} s`,
    );
    return { bytes };
  };

  const worker = new Worker(QUEUE, processor, {
    connection: client,
    prefix: PREFIX,
    concurrency: options.concurrency ?? 2,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 3,
    name: id,
  });
  worker.on("failed", (job, error) => {
    log(`tile job ${job?.id ?? "?"} failed: ${scrub(error.message, options.redis)}`);
  });
  // While Redis is down BullMQ reports the same connection error every 0.2-2 s, for as long
  // as it lasts: said once, then counted once a minute, then "reachable again".
  const trouble = repeatedLines(log);
  worker.on("error", (error) => {
    trouble.say(`worker: ${scrub(error.message, options.redis)}`);
  });
  client.on("ready", () => trouble.over(`Redis at ${redactUrl(options.redis)} reachable again`));

  const beat = async () => {
    if (client.status !== "ready") return;
    const info = JSON.stringify({ host: hostname(), pid: process.pid, threads: local.threads });
    await client.set(workerKey(id), info, "PX", HEARTBEAT_MS * 3).catch(() => {});
  };
  await beat();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);

  let closing: Promise<void> | undefined;
  let abandoned = false;
  return {
    id,
    get tilesDone() {
      return tilesDone;
    },
    get abandoned() {
      return abandoned;
    },
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        // Finish the tiles in hand and store their results. Without Redis that cannot be
        // done, and BullMQ's close would wait for it for ever: after CLOSE_OFFLINE_MS without
        // Redis, stop anyway (the tiles' locks expire and other workers take them).
        const offline = whenOffline(client, CLOSE_OFFLINE_MS);
        const gaveUp = await Promise.race([
          (async () => {
            await worker.close();
            await client.del(workerKey(id)).catch(() => {});
            return false;
          })(),
          offline.promise.then(() => true),
        ]);
        offline.cancel();
        if (gaveUp) {
          abandoned = true;
          log(
            `no Redis for ${CLOSE_OFFLINE_MS / 1000} s: stopping without finishing the tiles in hand (other workers take them once their locks expire)`,
          );
          // Stops BullMQ's reconnecting. Not awaited: it waits for a server that is not there.
          worker.disconnect().catch(() => {});
        }
        await local.close();
        client.disconnect();
      })();
      return closing;
    },
  };
}
