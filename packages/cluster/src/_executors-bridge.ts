/**
 * Every use of `@dmx/executors` by this package goes through this file, so that a change in
 * that package's API is adapted in one place.
 */
import type { Executor, ExecutorName } from "@dmx/executors";

export {
  createExecutor,
  type DistanceArray,
  type Dtype,
  defaultOutputPath,
  type Executor,
  ExecutorError,
  type ExecutorRunOptions as RunOptions,
  type NameBytes,
  type OutputFormat,
  type TextSpec,
  type TileJob,
  type TileResult,
  type WriteMatrixOptions,
  type WriteMatrixResult,
  writeMatrix,
} from "@dmx/executors";
// The layout arithmetic (public, browser-safe), and the one check `writeMatrix` makes on file
// inputs, which it cannot make here because the coordinator reads the inputs itself.
export { checkNotInput } from "@dmx/executors/internal";
export {
  type Layout,
  layoutSize,
  rowCount,
  rowLength,
  rowOffset,
  type Tile,
} from "@dmx/executors/plan";

/**
 * The `name` of an executor this package implements. `@dmx/executors` types executor names
 * as its own list; the cluster coordinator is an executor of another package, and
 * `writeMatrix` only reads the name to report it.
 */
export function foreignExecutorName(name: string): ExecutorName {
  return name as ExecutorName;
}

/** Makes an {@link Executor} whose `name` is not one of `@dmx/executors`' own. */
export function foreignExecutor(name: string, parts: Omit<Executor, "name">): Executor {
  return { ...parts, name: foreignExecutorName(name) };
}
