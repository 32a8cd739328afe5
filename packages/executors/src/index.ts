/**
 * `@dmx/executors`: every way of running a distance matrix — sequential, a worker per task,
 * our thread pool, the workerpool library, child processes, an async pipeline, and a
 * shared-memory tiled kernel — all with the same kernel code and the same numbers, plus the
 * format writers (pairs, matrix, npy, json) that stream the result to a file in bounded memory.
 * @module
 */
export { asyncExecutor } from "./_async.ts";
export {
  computeMatrix,
  DEFAULT_TEXT_TILE_VALUES,
  DEFAULT_TILE_VALUES,
  jobLayout,
  type MatrixJob,
  type RunJobOptions,
  sharedArray,
} from "./_compute-matrix.ts";
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
} from "./_create.ts";
export { csvField, encodeNames, type NameBytes } from "./_csv.ts";
export { ExecutorError, type ExecutorErrorCode } from "./_errors.ts";
export {
  type Executor,
  type ExecutorName,
  type ExecutorOptions,
  executorNames,
  type RunOptions,
  type TileResult,
} from "./_executor.ts";
export { writeFixed, writeShortest } from "./_float-text.ts";
export { type InputHeaderOptions, type LocationInput, loadInput } from "./_input.ts";
export type { DistanceArray, KernelInput } from "./_kernel.ts";
export { computeRows } from "./_kernel.ts";
export {
  type Layout,
  layoutSize,
  planTiles,
  rowCount,
  rowLength,
  rowOffset,
  type Tile,
} from "./_layout.ts";
export { type Dtype, npyHeader } from "./_npy.ts";
export { type ByteSink, checkNotInput, openFileSink, openSink, streamSink } from "./_output.ts";
export {
  checkFormatOptions,
  type FormatOptions,
  type OutputFormat,
  outputFormats,
  type PreparedOutput,
  prepareOutput,
} from "./_prepare.ts";
export { AsyncQueue } from "./_queue.ts";
export { sequentialExecutor } from "./_sequential.ts";
export { encodeTile, type TextFormat, type TextSpec, textBound } from "./_text.ts";
export {
  allocate,
  runTile,
  type TileJob,
  type TileOutput,
  type TileTarget,
} from "./_tile-job.ts";
export {
  defaultOutputPath,
  type Progress,
  type WriteMatrixOptions,
  type WriteMatrixResult,
  writeMatrix,
} from "./_write-matrix.ts";
