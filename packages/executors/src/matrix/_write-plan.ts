import type { HeaderRow, LocationTable } from "@dmx/geo";
import { ExecutorError } from "../_errors.ts";
import { checkThreads, tileValuesFor } from "../executors/_create.ts";
import { fileTargetSupported } from "../kernel/_file-tile.ts";
import { checkNotInput } from "../output/_output.ts";
import { planTiles } from "../plan/_layout.ts";
import type { OutputSlice } from "../shard/_shard.ts";
import { slicedOutput } from "../shard/_shard.ts";
import {
  DEFAULT_FILE_TILE_VALUES,
  DEFAULT_TEXT_TILE_VALUES,
  DEFAULT_TILE_VALUES,
  kernelOptions,
} from "./_compute-matrix.ts";
import { loadInput } from "./_input.ts";
import type { PreparedOutput } from "./_prepare.ts";
import { checkFormatOptions, prepareOutput, tileJob } from "./_prepare.ts";
import { settleExecutor, startExecutorEarly } from "./_start-executor.ts";
import { planStreamed, streamsInput } from "./_streamed-input.ts";
import type { WriteMatrixOptions, WritePlan, WriteSettings } from "./_write-options.ts";
import { defaultOutputPath } from "./_write-options.ts";

/** Checks the options of a run; throws `BAD_OPTION` naming the first bad one. */
export function checkWrite(options: WriteMatrixOptions): WriteSettings {
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
  return { format, threads, ioDelayMs, output, kernel: kernelOptions(options) };
}

/**
 * Plans a run: starts the executor (its workers boot while the input is read), reads the
 * input(s), lays out the output and splits it into tiles. With the `async` executor on a
 * file and a format whose rows can be written as their origins arrive, the input is
 * streamed instead: see {@link planStreamed}.
 */
export async function planWrite(
  options: WriteMatrixOptions,
  settings: WriteSettings,
): Promise<WritePlan> {
  const { format, threads, ioDelayMs, output, kernel } = settings;
  const { signal } = options;
  if (streamsInput(options, format)) return planStreamed(options, settings);
  const early = await startExecutorEarly(
    options.executor,
    threads,
    options.input,
    options.destinations,
    format === "matrix" || options.square === true,
    format !== "npy",
  );
  let origins: LocationTable;
  let destinations: LocationTable | undefined;
  let prepared: PreparedOutput;
  let part: OutputSlice | undefined;
  let sliceBase = 0;
  const readStart = performance.now();
  let readMs = 0;
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
    readMs = performance.now() - readStart;
    prepared = prepareOutput(options, kernel, origins, destinations);
    part = options.slice?.({ prepared, kernel, origins, destinations });
    if (part) {
      ({ prepared, base: sliceBase } = slicedOutput(prepared, part, origins, destinations));
    }
  } catch (error) {
    if (early?.owned) await early.executor.close();
    throw error;
  }
  const text = prepared.text !== undefined;
  const { executor, owned } = await settleExecutor(
    early,
    options.executor,
    prepared.values,
    threads,
    text,
  );
  const n = origins.names.length;
  const m = destinations?.names.length ?? n;
  const toFile = !text && typeof output === "string" && fileTargetSupported();
  const base = text
    ? DEFAULT_TEXT_TILE_VALUES
    : toFile
      ? DEFAULT_FILE_TILE_VALUES
      : DEFAULT_TILE_VALUES;
  const tileValues =
    options.tileValues ??
    executor.tileValues ??
    tileValuesFor(prepared.values, executor.name, executor.threads, base);
  const tiles = planTiles(
    prepared.layout,
    n,
    m,
    tileValues,
    ioDelayMs > 0 ? 1 : Number.POSITIVE_INFINITY,
    part,
  );
  const notes =
    executor.name === "async" && typeof options.input === "string"
      ? [
          `async: ${format} needs every origin before the first row; rows were computed after reading`,
        ]
      : [];
  return {
    executor,
    owned,
    dtype: prepared.dtype,
    prefix: prepared.prefix,
    suffix: part?.suffix ?? prepared.suffix,
    base: sliceBase,
    values: prepared.values,
    toFile,
    segments: [{ job: tileJob(prepared, kernel, origins, destinations), tiles }],
    origins: () => n,
    destinations: () => m,
    readMs: () => readMs,
    notes,
    skippedHeaders,
  };
}
