/**
 * `@dmx/executors`: every way of running a distance matrix — sequential, a worker per task,
 * our thread pool, the workerpool library, child processes, an async pipeline, and a
 * shared-memory tiled kernel — all with the same kernel code and the same numbers, plus the
 * format writers (pairs, matrix, npy, json) that stream the result to a file in bounded memory.
 *
 * This entry is what a dependent needs: the executors, `computeMatrix`, `writeMatrix`, the
 * format and layout names, and what another package needs to implement an {@link Executor}
 * or to compute tiles on another machine (`planOutput`, `runTile`, `computeTile`,
 * `planTiles`). Planning alone, without Node, is `@dmx/executors/plan`; the tile plumbing
 * is `@dmx/executors/internal` (no stability promise). ARCHITECTURE.md at the repository
 * root has the map.
 * @module
 */
export { ExecutorError, type ExecutorErrorCode } from "./_errors.ts";
export { asyncExecutor } from "./executors/_async.ts";
export { createExecutor, defaultThreads, MAX_THREADS } from "./executors/_create.ts";
export {
  type Executor,
  type ExecutorName,
  type ExecutorOptions,
  type ExecutorRunOptions,
  executorNames,
  type RunOptions,
  type TileResult,
} from "./executors/_executor.ts";
export { AsyncQueue } from "./executors/_queue.ts";
export { sequentialExecutor } from "./executors/_sequential.ts";
export type { DistanceArray, KernelInput } from "./kernel/_kernel.ts";
export {
  type FileTarget,
  runTile,
  type TileJob,
  type TileOutput,
  type TileTarget,
} from "./kernel/_tile-job.ts";
export {
  type ComputeMatrixOptions,
  computeMatrix,
  type MatrixJob,
  type RunJobOptions,
  sharedArray,
} from "./matrix/_compute-matrix.ts";
export { type ComputeTileOptions, computeTile } from "./matrix/_compute-tile.ts";
export type { LocationInput } from "./matrix/_input.ts";
export {
  type FormatOptions,
  type OutputFormat,
  outputFormats,
  type PlannedOutput,
  type PreparedOutput,
  planOutput,
} from "./matrix/_prepare.ts";
export { writeMatrix } from "./matrix/_write-matrix.ts";
export {
  defaultOutputPath,
  type Progress,
  type WriteMatrixOptions,
  type WriteMatrixResult,
} from "./matrix/_write-options.ts";
export { type Dtype, dtypes } from "./output/_npy.ts";
export { type Layout, layouts, planTiles, type Tile } from "./plan/_layout.ts";
export {
  type MergeShardsOptions,
  type MergeShardsResult,
  mergeShards,
} from "./shard/_merge.ts";
export { MAX_SHARDS, type ShardSpec } from "./shard/_shard.ts";
export {
  defaultShardPath,
  type WriteShardOptions,
  type WriteShardResult,
  writeShard,
} from "./shard/_shard-write.ts";
export type { NameBytes } from "./text/_csv.ts";
export { writeFixed, writeShortest } from "./text/_float-text.ts";
export type { TextFormat, TextSpec } from "./text/_text.ts";
