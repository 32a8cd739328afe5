/**
 * `@dmx/executors/internal`: the tile plumbing under the public API, for this repository's
 * own tests, benchmarks and tools. No stability promise: names here may change in any
 * release. Applications use `@dmx/executors`.
 * @module
 */
export { abortError, yieldToEventLoop } from "./_util.ts";
export {
  AUTO_SHARED_PAIRS,
  AUTO_SHARED_TEXT_PAIRS,
  autoExecutor,
  checkThreads,
  resolveExecutor,
  tileValuesFor,
} from "./executors/_create.ts";
export { completed, ordered } from "./executors/_ordered.ts";
export { computeRows } from "./kernel/_kernel.ts";
export { allocate } from "./kernel/_tile-job.ts";
export {
  DEFAULT_FILE_TILE_VALUES,
  DEFAULT_TEXT_TILE_VALUES,
  DEFAULT_TILE_VALUES,
  jobLayout,
  kernelOptions,
} from "./matrix/_compute-matrix.ts";
export { loadInput } from "./matrix/_input.ts";
export { checkFormatOptions, prepareOutput, tileJob } from "./matrix/_prepare.ts";
export { npyHeader } from "./output/_npy.ts";
export {
  type ByteSink,
  checkNotInput,
  type FileSink,
  openFileSink,
  openSink,
  streamSink,
} from "./output/_output.ts";
export { layoutSize, rowCount, rowLength, rowOffset, splitTile } from "./plan/_layout.ts";
export { checkParts } from "./shard/_merge.ts";
export { type PartFile, readPart } from "./shard/_merge-read.ts";
export {
  checkShard,
  type OutputSlice,
  type ShardRange,
  type SliceContext,
  shardBoundary,
  shardRange,
} from "./shard/_shard.ts";
export { decodePartInfo, type PartInfo, runIdentity } from "./shard/_shard-part.ts";
export { csvField, encodeNames } from "./text/_csv.ts";
export { encodeTile, textBound } from "./text/_text.ts";
export { wasmTextAvailable } from "./text/_text-wasm.ts";
