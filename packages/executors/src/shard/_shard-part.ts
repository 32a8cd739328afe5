import { createHash } from "node:crypto";
import type { KernelOptions, LocationTable } from "@dmx/geo";
import { EARTH_MEAN_RADIUS_KM } from "@dmx/geo";
import type { FormatOptions, OutputFormat, PreparedOutput } from "../matrix/_prepare.ts";
import { outputFormats } from "../matrix/_prepare.ts";
import type { Dtype } from "../output/_npy.ts";
import { npyHeader } from "../output/_npy.ts";

/**
 * What a part file of `dmx compute --shard k/K` records about itself (in the `.npy` header
 * as a comment, or in the last line of a text part): enough for `mergeShards` to check that
 * the parts belong together and to assemble them without the input.
 */
export interface PartInfo {
  /** Version of this record (1). */
  readonly v: 1;
  /** The run's identity: a hash of the inputs' names and coordinates and of every option that changes the output bytes. */
  readonly run: string;
  /** Which slice (1-based). */
  readonly k: number;
  /** Slices in the run. */
  readonly K: number;
  readonly format: OutputFormat;
  /** The slice's rows of the layout, `[start, end)`. */
  readonly rows: readonly [number, number];
  /** The slice's values: `[offset in the whole output, count]`. */
  readonly values: readonly [number, number];
  /** Values in the whole output. */
  readonly total: number;
  /** `npy`: element type of the whole output. */
  readonly dtype?: Dtype;
  /** `npy`: shape of the whole output. */
  readonly shape?: readonly number[];
  /** Text parts: bytes of the slice's text, before this record. */
  readonly bytes?: number;
}

/** The marker of a part record, in an `.npy` header comment or a text part's last line. */
export const PART_MARK = "dmx-part";

/**
 * The run identity of an output: SHA-256 (first 24 hex digits) over the names and
 * coordinates of the inputs and the options that change the bytes (format, layout, dtype,
 * header, precision, metric, unit, radius). Not the executor, threads or paths: parts
 * computed on different machines, from copies of the input, with any executor, merge.
 */
export function runIdentity(
  options: FormatOptions,
  kernel: KernelOptions,
  prepared: PreparedOutput,
  origins: LocationTable,
  destinations: LocationTable | undefined,
): string {
  const metric = kernel.metric ?? "haversine";
  const settings = {
    v: 1,
    format: prepared.format,
    layout: prepared.layout,
    dtype: prepared.format === "npy" ? prepared.dtype : null,
    header: prepared.format === "pairs" && options.header === true,
    precision: options.precision ?? null,
    metric,
    unit: kernel.unit ?? "km",
    radius: metric === "geodesic" ? null : (kernel.radius ?? EARTH_MEAN_RADIUS_KM),
  };
  const hash = createHash("sha256");
  hash.update(`${JSON.stringify(settings)}\n`);
  for (const table of destinations ? [origins, destinations] : [origins]) {
    hash.update(`${JSON.stringify(table.names)}\n`);
    hash.update(new Uint8Array(table.lat.buffer, table.lat.byteOffset, table.lat.byteLength));
    hash.update(new Uint8Array(table.lon.buffer, table.lon.byteOffset, table.lon.byteLength));
  }
  return hash.digest("hex").slice(0, 24);
}

/** The record as one line of JSON, its fields in a fixed order (parts are deterministic). */
export function encodePartInfo(info: PartInfo): string {
  const { v, run, k, K, format, rows, values, total, dtype, shape, bytes } = info;
  return JSON.stringify({ v, run, k, K, format, rows, values, total, dtype, shape, bytes });
}

/** The `.npy` header of a part: the slice as an array of its own, the record as a comment. */
export function npyPartHeader(info: PartInfo): Uint8Array {
  const shape = info.shape ?? [info.total];
  const rows = info.rows[1] - info.rows[0];
  const partShape = shape.length === 1 ? [info.values[1]] : [rows, shape[1]!];
  return npyHeader(info.dtype ?? "float64", partShape, `${PART_MARK} ${encodePartInfo(info)}`);
}

const encoder = new TextEncoder();

/**
 * The last line of a text part: `#dmx-part {...}`, after a newline of its own when the
 * slice's text does not end with one (a JSON fragment).
 */
export function textPartTrailer(info: PartInfo, textEndsWithNewline: boolean): Uint8Array {
  const lead = info.bytes === 0 || textEndsWithNewline ? "" : "\n";
  return encoder.encode(`${lead}#${PART_MARK} ${encodePartInfo(info)}\n`);
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isPair = (x: unknown): x is [number, number] =>
  Array.isArray(x) && x.length === 2 && isCount(x[0]) && isCount(x[1]);

/** Parses and checks a part record (untrusted: any file may claim to be a part). */
export function decodePartInfo(json: string): PartInfo | undefined {
  let x: Record<string, unknown>;
  try {
    x = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (x === null || typeof x !== "object") return undefined;
  const { v, run, k, K, format, rows, values, total, dtype, shape, bytes } = x;
  const ok =
    v === 1 &&
    typeof run === "string" &&
    /^[0-9a-f]{24}$/.test(run) &&
    isCount(K) &&
    isCount(k) &&
    k >= 1 &&
    k <= K &&
    (outputFormats as readonly unknown[]).includes(format) &&
    isPair(rows) &&
    rows[0] <= rows[1] &&
    isPair(values) &&
    isCount(total) &&
    values[0] + values[1] <= total &&
    (format === "npy"
      ? (dtype === "float64" || dtype === "float32") &&
        Array.isArray(shape) &&
        (shape.length === 1 || shape.length === 2) &&
        shape.every(isCount) &&
        shape.reduce((a: number, b: number) => a * b, 1) === total &&
        bytes === undefined
      : dtype === undefined && shape === undefined && isCount(bytes));
  return ok ? (x as unknown as PartInfo) : undefined;
}
