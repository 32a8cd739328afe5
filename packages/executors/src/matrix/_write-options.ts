import { dirname, join } from "node:path";
import type { HeaderRow, KernelOptions } from "@dmx/geo";
import type { Executor, ExecutorName } from "../executors/_executor.ts";
import type { TileJob } from "../kernel/_tile-job.ts";
import type { Dtype } from "../output/_npy.ts";
import type { Tile } from "../plan/_layout.ts";
import type { OutputSlice, SliceContext } from "../shard/_shard.ts";
import type { LocationInput } from "./_input.ts";
import type { FormatOptions, OutputFormat } from "./_prepare.ts";

/** Progress of a {@link writeMatrix} run, in values. */
export interface Progress {
  /** Values written so far. */
  readonly done: number;
  /** Values in the whole output (while a streamed input is still being read: `done` so far). */
  readonly total: number;
}

/** Options of {@link writeMatrix}. */
export interface WriteMatrixOptions extends FormatOptions, KernelOptions {
  /** Origins: a CSV path (read with `@dmx/geo/files`) or a table in memory. */
  readonly input: LocationInput;
  /** Destinations: with them, the origins × destinations rectangle, row-major. */
  readonly destinations?: LocationInput | undefined;
  /**
   * Where to write: a file path (written to a temp file beside it, then renamed), or a
   * writable stream such as `process.stdout`. Default: {@link defaultOutputPath}.
   */
  readonly output?: string | NodeJS.WritableStream | undefined;
  /**
   * Executor name (default `"auto"`: `shared` for large inputs, else `sequential`), or an
   * {@link Executor} you created, possibly another package's (reused across calls, not
   * closed here).
   */
  readonly executor?: ExecutorName | "auto" | Executor | undefined;
  /** Workers for the parallel executors (default: available parallelism). */
  readonly threads?: number | undefined;
  /**
   * Simulated I/O latency in ms: waited per input row read and per matrix row written
   * (rows become tiles). Replays the asyncio lesson: `sequential` waits for each in turn,
   * `async` overlaps reading, computing and writing.
   */
  readonly ioDelayMs?: number | undefined;
  /** Cancels the run; no output file is left behind. */
  readonly signal?: AbortSignal | undefined;
  /** Called after each tile is written. */
  readonly onProgress?: ((progress: Progress) => void) | undefined;
  /**
   * Whether the first row of a CSV input (origins and destinations) is a header: `true`
   * always, `false` never, absent: guessed (a header only when its coordinate fields hold no
   * digit). A skipped header is listed in {@link WriteMatrixResult.skippedHeaders}.
   */
  readonly inputHeader?: boolean | undefined;
  /** Called with warnings, e.g. that a stale temp file of a killed run was removed. */
  readonly onWarning?: ((message: string) => void) | undefined;
  /**
   * Writes one slice of the output instead of the whole (`writeShard` uses it): called once
   * the inputs are read, it returns the rows to compute and the bytes around them. The
   * values written are exactly those of the same rows in a whole run.
   */
  readonly slice?: ((whole: SliceContext) => OutputSlice) | undefined;
  /** Values per tile (default: the executor's `tileValues`, else 262,144). */
  readonly tileValues?: number | undefined;
}

/** What a {@link writeMatrix} run did. */
export interface WriteMatrixResult {
  /** The file written (absolute), or `undefined` for a stream. */
  readonly outputPath: string | undefined;
  readonly format: OutputFormat;
  /** The executor's name (one of `executorNames`, or another package's executor's). */
  readonly executor: ExecutorName | (string & {});
  readonly threads: number;
  /** Origins and destinations counted. */
  readonly origins: number;
  readonly destinations: number;
  /** Distances written. */
  readonly values: number;
  /** Bytes written. */
  readonly bytes: number;
  /** Reading the input(s), ms. */
  readonly readMs: number;
  /**
   * Computing, ms: the time the writer spent waiting for computed tiles (for the
   * main-thread executors, the computing itself). Work that overlapped writing is not counted.
   */
  readonly calcMs: number;
  /** The whole call, ms. */
  readonly totalMs: number;
  /** Notes from the executor (caps, fallbacks) and the run. */
  readonly notes: readonly string[];
  /** First rows of the CSV inputs that were read as headers, not as places. */
  readonly skippedHeaders: readonly HeaderRow[];
}

/** The checked options of a `writeMatrix` run. */
export interface WriteSettings {
  readonly format: OutputFormat;
  readonly threads: number;
  readonly ioDelayMs: number;
  readonly output: string | NodeJS.WritableStream;
  readonly kernel: KernelOptions;
}

/** Some tiles of one job: the whole output, or (streamed input) the rows read so far. */
export interface Segment {
  readonly job: TileJob;
  readonly tiles: readonly Tile[];
}

/** Everything a run writes, before the sink is opened. */
export interface WritePlan {
  readonly executor: Executor;
  /** Whether this run created the executor (and so closes it). */
  readonly owned: boolean;
  readonly dtype: Dtype;
  readonly prefix: Uint8Array;
  /** Bytes after the values: fixed, or made from the count of bytes written before them. */
  readonly suffix: Uint8Array | ((written: number) => Uint8Array);
  /** With a slice: values of the whole output before it (tiles keep whole-output offsets). */
  readonly base: number;
  /** Values in the whole output (the slice's, with a slice); `undefined` while a streamed input is being read. */
  readonly values: number | undefined;
  /** Binary output to a file: tiles have their places from the start (sized up front). */
  readonly toFile: boolean;
  /** The tiles to compute, in output order. */
  readonly segments: Iterable<Segment> | AsyncIterable<Segment>;
  /** Origins and destinations read (final once the segments are drained). */
  origins(): number;
  destinations(): number;
  /** Reading the input(s), ms. */
  readMs(): number;
  readonly notes: readonly string[];
  /** First rows of the CSV inputs read as headers (complete once the input is read). */
  readonly skippedHeaders: readonly HeaderRow[];
}

const extensions: Readonly<Record<OutputFormat, string>> = {
  pairs: "csv",
  matrix: "csv",
  npy: "npy",
  json: "json",
};

/** `output.csv` (or `.npy`, `.json`) in the folder of `input`, as the workshop does. */
export function defaultOutputPath(input: string, format: OutputFormat = "pairs"): string {
  return join(dirname(input), `output.${extensions[format]}`);
}
