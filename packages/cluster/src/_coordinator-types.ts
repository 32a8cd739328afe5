import type { Executor } from "./_executors-bridge.ts";

/** Progress of a cluster run, reported about once a second. */
export interface ClusterStatus {
  readonly runId: string;
  /** Tiles written to the output so far, and in the whole run. */
  readonly tilesDone: number;
  readonly tiles: number;
  /** Distances written so far, and in the whole run. */
  readonly valuesDone: number;
  readonly values: number;
  /** Live workers seen on the queue (their heartbeat keys). */
  readonly workers: number;
  /** Since the run started. */
  readonly elapsedMs: number;
  /** Distances per second so far. */
  readonly valuesPerSecond: number;
  /** Estimated time to the end, or `undefined` before the first tile. */
  readonly etaMs: number | undefined;
}

/** Options of {@link createCoordinator}. */
export interface CoordinatorOptions {
  /** Redis URL: `redis://[:password@]host[:port][/db]`, or `rediss://` for TLS. */
  readonly redis: string;
  /** PEM file of the CA of a `rediss://` server's certificate (default: Node's CAs). */
  readonly redisCa?: string | undefined;
  /** Resume this run (the id printed when it started) instead of starting a new one. */
  readonly resume?: string | undefined;
  /** Tiles queued or waiting in Redis at once (default 12): Redis holds at most this many results. */
  readonly window?: number | undefined;
  /** Lifetime of the run's data in Redis, refreshed while it runs (default 3,600 s). */
  readonly ttlSeconds?: number | undefined;
  /** Fail when no worker has been seen for this long (default: wait for workers forever). */
  readonly timeoutMs?: number | undefined;
  /** Fail when Redis has been unreachable for this long (default 30 s). */
  readonly redisDownMs?: number | undefined;
  /** Progress, about once a second. */
  readonly onStatus?: ((status: ClusterStatus) => void) | undefined;
  /** Things to tell the user (waiting for workers, resumed tiles), one line each. */
  readonly log?: ((line: string) => void) | undefined;
}

/** An {@link Executor} whose tiles are computed by `dmx worker`s through Redis. */
export interface Coordinator extends Executor {
  /** This run's id: what `--resume` takes. */
  readonly runId: string;
  /** Tiles found finished in Redis when resuming (not computed again). */
  readonly resumedTiles: number;
}
