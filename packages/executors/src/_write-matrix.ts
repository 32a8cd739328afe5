import { dirname, join } from "node:path";
import process from "node:process";
import type { HeaderRow, KernelOptions, LocationTable } from "@dmx/geo";
import { streamAsyncPipeline } from "./_async-pipeline.ts";
import {
  DEFAULT_FILE_TILE_VALUES,
  DEFAULT_TEXT_TILE_VALUES,
  DEFAULT_TILE_VALUES,
  kernelOptions,
} from "./_compute-matrix.ts";
import { checkThreads, tileValuesFor } from "./_create.ts";
import type { ResolvedExecutor } from "./_early-executor.ts";
import { settleExecutor, startExecutorEarly } from "./_early-executor.ts";
import { ExecutorError } from "./_errors.ts";
import type { Executor, ExecutorName, TileResult } from "./_executor.ts";
import { fileTargetSupported, itemSize } from "./_file-tile.ts";
import type { LocationInput } from "./_input.ts";
import { loadInput } from "./_input.ts";
import { planTiles } from "./_layout.ts";
import type { ByteSink, FileSink } from "./_output.ts";
import { checkNotInput, openSink } from "./_output.ts";
import type { FormatOptions, OutputFormat, PreparedOutput } from "./_prepare.ts";
import { checkFormatOptions, prepareOutput, tileJob } from "./_prepare.ts";
import type { TileJob } from "./_tile-job.ts";
import { delay } from "./_util.ts";

/** Progress of a {@link writeMatrix} run, in values. */
export interface Progress {
  /** Values written so far. */
  readonly done: number;
  /** Values in the whole output. */
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
   * {@link Executor} you created (reused across calls, not closed here).
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
  /** Values per tile (default 262,144). */
  readonly tileValues?: number | undefined;
  /**
   * Whether the first row of a CSV input (origins and destinations) is a header: `true`
   * always, `false` never, absent: guessed (a header only when its coordinate fields hold no
   * digit). A skipped header is listed in {@link WriteMatrixResult.skippedHeaders}.
   */
  readonly inputHeader?: boolean | undefined;
}

/** What a {@link writeMatrix} run did. */
export interface WriteMatrixResult {
  /** The file written (absolute), or `undefined` for a stream. */
  readonly outputPath: string | undefined;
  readonly format: OutputFormat;
  readonly executor: ExecutorName;
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
  /** Notes from the executor (caps, fallbacks). */
  readonly notes: readonly string[];
  /** First rows of the CSV inputs that were read as headers, not as places. */
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

/**
 * Computes a distance matrix and streams it, formatted, to a file or stream in bounded
 * memory: tiles are computed (in workers, formatted there too for text formats), written in
 * order, and never more than a few are in flight. Files are written to a temp file in the
 * target folder and renamed at the end, so a failure or an abort leaves no partial output
 * and any previous file untouched. An output path that is an input file is refused.
 *
 * @throws ExecutorError (`BAD_OPTION`, `OUTPUT_IS_INPUT`, `WORKER_CRASHED`, `OUTPUT_FAILED`),
 *   `LocationParseError` from `@dmx/geo` for bad input, or the abort reason
 */
export async function writeMatrix(options: WriteMatrixOptions): Promise<WriteMatrixResult> {
  const started = performance.now();
  const { signal } = options;
  const format = options.format ?? "pairs";
  checkFormatOptions(options, options.destinations !== undefined);
  const threads = checkThreads(options.threads);
  const ioDelayMs = options.ioDelayMs ?? 0;
  if (!Number.isFinite(ioDelayMs) || ioDelayMs < 0) {
    throw new ExecutorError(
      "BAD_OPTION",
      `io delay must be a non-negative number of ms; got ${ioDelayMs}`,
    );
  }
  const output =
    options.output ??
    (typeof options.input === "string" ? defaultOutputPath(options.input, format) : undefined);
  if (output === undefined) {
    throw new ExecutorError("BAD_OPTION", "output is required when the input is not a file");
  }
  if (typeof output === "string") {
    const inputs = [options.input, options.destinations].filter(
      (x): x is string => typeof x === "string",
    );
    checkNotInput(output, inputs);
  }
  const kernel = kernelOptions(options);

  const asyncChosen =
    options.executor === "async" ||
    (typeof options.executor === "object" && options.executor.name === "async");
  if (asyncChosen && typeof options.input === "string") {
    return streamAsyncPipeline(options, { format, output, kernel, started });
  }

  // Start the workers now, so that they boot while the input is read.
  const square = format === "matrix" || options.square === true;
  const early = await startExecutorEarly(
    options.executor,
    threads,
    options.input,
    options.destinations,
    square,
    format !== "npy",
  );
  let origins: LocationTable;
  let destinations: LocationTable | undefined;
  const readStart = performance.now();
  const skippedHeaders: HeaderRow[] = [];
  const header = {
    inputHeader: options.inputHeader,
    onHeader: (h: HeaderRow) => skippedHeaders.push(h),
  };
  try {
    origins = await loadInput(options.input, ioDelayMs, signal, header);
    destinations =
      options.destinations === undefined
        ? undefined
        : await loadInput(options.destinations, ioDelayMs, signal, header);
    signal?.throwIfAborted();
  } catch (error) {
    if (early?.owned) await early.executor.close();
    throw error;
  }
  const readMs = performance.now() - readStart;

  let prepared: PreparedOutput;
  let resolved: ResolvedExecutor;
  try {
    prepared = prepareOutput(options, kernel, origins, destinations);
    resolved = await settleExecutor(
      early,
      options.executor,
      prepared.values,
      threads,
      prepared.text !== undefined,
    );
  } catch (error) {
    if (early?.owned) await early.executor.close();
    throw error;
  }
  const { executor, owned } = resolved;
  const name = executor.name;
  const n = origins.names.length;
  const m = destinations?.names.length ?? n;
  let sink: ByteSink | FileSink | undefined;
  let iterator: AsyncIterator<TileResult> | undefined;
  let bytes = 0;
  let done = 0;
  let calcMs = 0;
  // Binary output to a file: every tile has its place in the file from the start, so the
  // file is sized up front and worker threads write their tiles there themselves.
  const toFile = !prepared.text && typeof output === "string" && fileTargetSupported();
  try {
    const tiles = planTiles(
      prepared.layout,
      n,
      m,
      options.tileValues ??
        tileValuesFor(
          prepared.values,
          name,
          executor.threads,
          prepared.text
            ? DEFAULT_TEXT_TILE_VALUES
            : toFile
              ? DEFAULT_FILE_TILE_VALUES
              : DEFAULT_TILE_VALUES,
        ),
      ioDelayMs > 0 ? 1 : Number.POSITIVE_INFINITY,
    );
    sink = await openSink(output);
    const out = sink;
    const file = toFile && "fd" in out ? out : undefined;
    const size = itemSize(prepared.dtype);
    const start = prepared.prefix.length;
    if (file) {
      await file.resize(start + prepared.values * size + prepared.suffix.length);
      await file.writeAt(prepared.prefix, 0);
    } else await out.write(prepared.prefix);
    bytes += prepared.prefix.length;
    const job: TileJob = {
      ...tileJob(prepared, kernel, origins, destinations),
      file: file && { fd: file.fd, start, pid: process.pid },
    };
    iterator = executor.run(job, tiles, { signal })[Symbol.asyncIterator]();
    for (;;) {
      const waitStart = performance.now();
      const next = await iterator.next();
      calcMs += performance.now() - waitStart;
      if (next.done) break;
      const r = next.value;
      if (ioDelayMs > 0) await delay(ioDelayMs, signal);
      if (r.bytes) {
        await out.write(r.bytes);
        bytes += r.bytes.length;
      } else if (r.values) {
        const chunk = new Uint8Array(r.values.buffer, r.values.byteOffset, r.values.byteLength);
        if (file) await file.writeAt(chunk, start + r.tile.offset * size);
        else await out.write(chunk);
        bytes += chunk.length;
      } else bytes += r.tile.count * size; // written in place by a worker
      done += r.tile.count;
      options.onProgress?.({ done, total: prepared.values });
    }
    if (prepared.suffix.length > 0) {
      if (file) await file.writeAt(prepared.suffix, start + prepared.values * size);
      else await out.write(prepared.suffix);
      bytes += prepared.suffix.length;
    }
    signal?.throwIfAborted();
    await out.commit();
  } catch (error) {
    // Stop the workers and let every tile in flight settle before the file is closed: a
    // worker must never write to a descriptor number that may have been reused.
    if (owned) await executor.close();
    await iterator?.return?.(undefined).catch(() => {});
    await sink?.abort();
    throw error;
  } finally {
    if (owned) await executor.close();
  }
  return {
    outputPath: sink && "path" in sink ? sink.path : undefined,
    format,
    executor: name,
    threads: executor.threads,
    origins: n,
    destinations: m,
    values: prepared.values,
    bytes,
    readMs,
    calcMs,
    totalMs: performance.now() - started,
    notes: executor.notes,
    skippedHeaders,
  };
}
