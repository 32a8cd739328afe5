/**
 * `@dmx/cluster`: distance matrices across machines. A coordinator stores each run once in
 * Redis, puts its tiles on a BullMQ queue, and writes the results in order as `dmx worker`s
 * on any number of hosts compute them: the same bytes as a local run, in bounded Redis
 * memory, even when a worker dies half-way.
 * @module
 */
export { redactUrl } from "./_connect.ts";
export {
  type ClusterStatus,
  type Coordinator,
  type CoordinatorOptions,
  createCoordinator,
} from "./_coordinator.ts";
export { ClusterError, type ClusterErrorCode } from "./_errors.ts";
export { type SubmitOptions, type SubmitResult, submitMatrix } from "./_submit.ts";
export {
  clusterTileValues,
  MAX_TILE_BYTES,
  NS_PER_VALUE,
  type TileSizeInput,
} from "./_tile-size.ts";
export { startWorker, type WorkerHandle, type WorkerOptions } from "./_worker.ts";
