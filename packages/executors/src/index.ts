/**
 * `@dmx/executors`: every way of running a distance matrix — sequential, a worker per task,
 * our thread pool, the workerpool library, child processes, an async pipeline, and a
 * shared-memory tiled kernel — all with the same kernel code and the same numbers, plus the
 * format writers (pairs, matrix, npy, json) that stream the result to a file in bounded memory.
 * @module
 */

export { ExecutorError, type ExecutorErrorCode } from "./_errors.ts";
export { asyncExecutor } from "./executors/_async.ts";
export {
  AUTO_SHARED_PAIRS,
  AUTO_SHARED_TEXT_PAIRS,
  autoExecutor,
  checkThreads,
  createExecutor,
  defaultThreads,
  MAX_THREADS,
  resolveExecutor,
  tileValuesFor,
} from "./executors/_create.ts";
export {
  type Executor,
  type ExecutorName,
  type ExecutorOptions,
  executorNames,
  type RunOptions,
  type TileResult,
} from "./executors/_executor.ts";
export { AsyncQueue } from "./executors/_queue.ts";
export { sequentialExecutor } from "./executors/_sequential.ts";
export type { DistanceArray, KernelInput } from "./kernel/_kernel.ts";
export { computeRows } from "./kernel/_kernel.ts";
export {
  allocate,
  runTile,
  type TileJob,
  type TileOutput,
  type TileTarget,
} from "./kernel/_tile-job.ts";
export {
  computeMatrix,
  DEFAULT_TEXT_TILE_VALUES,
  DEFAULT_TILE_VALUES,
  jobLayout,
  type MatrixJob,
  type RunJobOptions,
  sharedArray,
} from "./matrix/_compute-matrix.ts";
export { type LocationInput, loadInput } from "./matrix/_input.ts";
export {
  checkFormatOptions,
  type FormatOptions,
  type OutputFormat,
  outputFormats,
  type PreparedOutput,
  prepareOutput,
} from "./matrix/_prepare.ts";
export {
  defaultOutputPath,
  type Progress,
  type WriteMatrixOptions,
  type WriteMatrixResult,
  writeMatrix,
} from "./matrix/_write-matrix.ts";
export { type Dtype, npyHeader } from "./output/_npy.ts";
export {
  type ByteSink,
  checkNotInput,
  openFileSink,
  openSink,
  streamSink,
} from "./output/_output.ts";
export {
  type Layout,
  layoutSize,
  planTiles,
  rowCount,
  rowLength,
  rowOffset,
  type Tile,
} from "./plan/_layout.ts";
export { csvField, encodeNames, type NameBytes } from "./text/_csv.ts";
export { writeFixed, writeShortest } from "./text/_float-text.ts";
export { encodeTile, type TextFormat, type TextSpec, textBound } from "./text/_text.ts";
