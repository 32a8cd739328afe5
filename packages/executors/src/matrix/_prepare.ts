import type { KernelOptions, LocationTable, PointArrays } from "@dmx/geo";
import { ExecutorError } from "../_errors.ts";
import type { TileJob } from "../kernel/_tile-job.ts";
import type { Dtype } from "../output/_npy.ts";
import { npyHeader } from "../output/_npy.ts";
import type { Layout } from "../plan/_layout.ts";
import { layoutSize } from "../plan/_layout.ts";
import { csvField, encodeNames, excelSafeName } from "../text/_csv.ts";
import type { TextSpec } from "../text/_text.ts";
import { kernelOptions } from "./_compute-matrix.ts";

/** Output formats of {@link writeMatrix} (ARCHITECTURE.md, "Output formats"). */
export const outputFormats = ["pairs", "matrix", "npy", "json"] as const;

/** An output format. */
export type OutputFormat = (typeof outputFormats)[number];

/** How the output looks, beyond the format. */
export interface FormatOptions {
  /** Output format (default `"pairs"`). */
  readonly format?: OutputFormat | undefined;
  /** `npy` only: element type (default `"float64"`). */
  readonly dtype?: Dtype | undefined;
  /** `npy` only: n × n instead of the condensed vector. */
  readonly square?: boolean | undefined;
  /** `pairs` only: start with an `origin,destination,distance` header line. */
  readonly header?: boolean | undefined;
  /** Text formats only: this many digits after the point instead of the shortest round-trip. */
  readonly precision?: number | undefined;
  /**
   * `pairs` and `matrix` only: prefix names that start with `=`, `+`, `-`, `@`, a tab or a
   * carriage return with `'`, so a spreadsheet shows them instead of running them as
   * formulas (CSV injection). Off by default: names are written as they are, which is right
   * for data files read by programs.
   */
  readonly excelSafe?: boolean | undefined;
}

/** A prepared output: layout, text spec, and the bytes that go before and after the tiles. */
export interface PreparedOutput {
  readonly format: OutputFormat;
  readonly layout: Layout;
  readonly dtype: Dtype;
  readonly text: TextSpec | undefined;
  readonly prefix: Uint8Array;
  readonly suffix: Uint8Array;
  /** Values in the whole output. */
  readonly values: number;
}

/** Checks format options against each other; throws `BAD_OPTION` naming the conflict. */
export function checkFormatOptions(options: FormatOptions, rectangle: boolean): void {
  const format = options.format ?? "pairs";
  const bad = (message: string) => {
    throw new ExecutorError("BAD_OPTION", message);
  };
  if (!(outputFormats as readonly string[]).includes(format)) {
    bad(`format must be one of ${outputFormats.join(", ")}; got ${JSON.stringify(format)}`);
  }
  if (options.dtype !== undefined && options.dtype !== "float64" && options.dtype !== "float32") {
    bad(`dtype must be float64 or float32; got ${JSON.stringify(options.dtype)}`);
  }
  if (options.dtype !== undefined && format !== "npy")
    bad("--dtype applies to the npy format only");
  if (options.square && format !== "npy") {
    bad("--square applies to the npy format only (matrix is always square)");
  }
  if (options.square && rectangle) bad("--square does not apply with --destinations");
  if (options.header && format !== "pairs")
    bad("header (--header-row) applies to the pairs format only");
  if (options.excelSafe && format !== "pairs" && format !== "matrix") {
    bad("--excel-safe applies to the CSV formats (pairs, matrix)");
  }
  const p = options.precision;
  if (p !== undefined) {
    if (format === "npy") bad("--precision applies to the text formats (pairs, matrix, json)");
    if (!Number.isInteger(p) || p < 0 || p > 100) {
      bad(`precision must be an integer from 0 to 100; got ${p}`);
    }
  }
}

const encoder = new TextEncoder();

/** Lays out the output of `origins` (× `destinations`) in the chosen format. */
export function prepareOutput(
  options: FormatOptions,
  kernel: KernelOptions,
  origins: LocationTable,
  destinations: LocationTable | undefined,
): PreparedOutput {
  checkFormatOptions(options, destinations !== undefined);
  const format = options.format ?? "pairs";
  const dtype = options.dtype ?? "float64";
  const n = origins.names.length;
  const m = destinations?.names.length ?? n;
  const rect = destinations !== undefined;
  const csvNames = (names: readonly string[]) =>
    options.excelSafe ? names.map(excelSafeName) : names;
  let layout: Layout;
  let prefix = "";
  let suffix = "";
  let binaryPrefix: Uint8Array | undefined;
  switch (format) {
    case "pairs":
      layout = rect ? "rect" : "lower";
      if (options.header) prefix = "origin,destination,distance\n";
      break;
    case "matrix":
      layout = rect ? "rect" : "square";
      prefix = `${["", ...csvNames((destinations ?? origins).names).map(csvField)].join(",")}\n`;
      break;
    case "npy":
      layout = rect ? "rect" : options.square ? "square" : "condensed";
      binaryPrefix = npyHeader(dtype, layout === "condensed" ? [(n * (n - 1)) / 2] : [n, m]);
      break;
    case "json": {
      layout = rect ? "rect" : "condensed";
      const meta = `"unit":${JSON.stringify(kernel.unit ?? "km")},"metric":${JSON.stringify(kernel.metric ?? "haversine")}`;
      prefix = rect
        ? `{"origins":${JSON.stringify(origins.names)},"destinations":${JSON.stringify(destinations.names)},${meta},"shape":[${n},${m}],"distances":[`
        : `{"names":${JSON.stringify(origins.names)},${meta},"distances":[`;
      suffix = "]}\n";
      break;
    }
  }
  const csv = format === "pairs" || format === "matrix";
  const text: TextSpec | undefined =
    format === "npy"
      ? undefined
      : {
          format,
          precision: options.precision,
          rowNames: csv ? encodeNames(csvNames(origins.names)) : emptyNames,
          colNames: csv && destinations ? encodeNames(csvNames(destinations.names)) : undefined,
        };
  return {
    format,
    layout,
    dtype,
    text,
    prefix: binaryPrefix ?? encoder.encode(prefix),
    suffix: encoder.encode(suffix),
    values: layoutSize(layout, n, m),
  };
}

const emptyNames = { bytes: new Uint8Array(0), offsets: new Uint32Array(1) };

/** The coordinate columns of a table. */
export function points(table: LocationTable): PointArrays {
  return { lat: table.lat, lon: table.lon };
}

/** The tile job of a prepared output over whole tables (every tile of the run uses it). */
export function tileJob(
  prepared: PreparedOutput,
  kernel: KernelOptions,
  origins: LocationTable,
  destinations: LocationTable | undefined,
): TileJob {
  return {
    kernel: {
      layout: prepared.layout,
      origins: points(origins),
      destinations: destinations && points(destinations),
      options: kernel,
    },
    dtype: prepared.dtype,
    text: prepared.text,
  };
}

/** The output of a matrix, laid out, and the tile job that computes it. */
export interface PlannedOutput extends PreparedOutput {
  /** The job every tile of the output is computed from (plain data: postable, rebuildable). */
  readonly job: TileJob;
}

/**
 * Lays out the output of `origins` (× `destinations`) in the chosen format and builds its
 * tile job: the same job `writeMatrix` runs for these tables and options. A worker on another
 * machine that has the same tables and options rebuilds the job with this, then computes
 * tiles with `runTile` or `computeTile`; the tiles are `planTiles(layout, n, m, ...)`.
 *
 * @throws ExecutorError `BAD_OPTION` for conflicting format options
 */
export function planOutput(
  options: FormatOptions & KernelOptions,
  origins: LocationTable,
  destinations?: LocationTable,
): PlannedOutput {
  const kernel = kernelOptions(options);
  const prepared = prepareOutput(options, kernel, origins, destinations);
  return { ...prepared, job: tileJob(prepared, kernel, origins, destinations) };
}
