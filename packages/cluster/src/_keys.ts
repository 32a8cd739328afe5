/** Redis key names of the cluster runs (all under one prefix, so they are easy to find). */

/** Prefix of every key (BullMQ's queue keys too). */
export const PREFIX = "dmx";
/** The BullMQ queue the tiles go through. */
export const QUEUE = "tiles";

/** A run id: what `--resume` takes. */
export const RUN_ID = /^[a-z0-9]{4,32}$/;

/** The run's stored job and tile plan (one binary value). */
export const runKey = (run: string) => `${PREFIX}:run:${run}:job`;
/** A finished tile's bytes, until the coordinator has written them. */
export const resultKey = (run: string, tile: number) => `${PREFIX}:run:${run}:tile:${tile}`;
/** A list of finished tile indices: the coordinator's wake-up call. */
export const doneKey = (run: string) => `${PREFIX}:run:${run}:done`;
/** One key per live worker, refreshed while it runs. */
export const workerKey = (id: string) => `${PREFIX}:worker:${id}`;
/** Pattern of {@link workerKey}. */
export const WORKER_PATTERN = `${PREFIX}:worker:*`;
/** The BullMQ job id of a tile (deterministic: adding it twice is a no-op). */
export const jobId = (run: string, tile: number) => `${run}-${tile}`;
