import type { HeaderRow, Location, LocationTable } from "@dmx/geo";
import { streamLocations } from "@dmx/geo/files";
import { delay } from "../_util.ts";
import { createExecutor } from "../executors/_create.ts";
import type { Executor } from "../executors/_executor.ts";
import { AsyncQueue } from "../executors/_queue.ts";
import type { TileJob } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import { csvField, excelSafeName, type NameBytes } from "../text/_csv.ts";
import { loadInput } from "./_input.ts";
import type { OutputFormat } from "./_prepare.ts";
import { points, prepareOutput } from "./_prepare.ts";
import type { Segment, WriteMatrixOptions, WritePlan, WriteSettings } from "./_write-options.ts";

/** Locations read so far, in growable columns (doubling). */
class GrowingTable {
  names: string[] = [];
  lat: Float64Array = new Float64Array(64);
  lon: Float64Array = new Float64Array(64);
  nameBytes: Uint8Array = new Uint8Array(1024);
  offsets: Uint32Array = new Uint32Array(65);
  readonly #encoder = new TextEncoder();

  get length(): number {
    return this.names.length;
  }

  push(location: Location, quoted: Uint8Array): void {
    const i = this.names.length;
    if (i === this.lat.length) {
      this.lat = grow(this.lat, i * 2) as Float64Array;
      this.lon = grow(this.lon, i * 2) as Float64Array;
      this.offsets = grow(this.offsets, i * 2 + 1) as Uint32Array;
    }
    const start = this.offsets[i]!;
    if (start + quoted.length > this.nameBytes.length) {
      this.nameBytes = grow(this.nameBytes, (start + quoted.length) * 2) as Uint8Array;
    }
    this.nameBytes.set(quoted, start);
    this.offsets[i + 1] = start + quoted.length;
    this.names.push(location.name);
    this.lat[i] = location.coordinates.latitude;
    this.lon[i] = location.coordinates.longitude;
  }

  encode(name: string): Uint8Array {
    return this.#encoder.encode(name);
  }

  /** The first `count` points. */
  points(count: number) {
    return { lat: this.lat.subarray(0, count), lon: this.lon.subarray(0, count) };
  }

  /** The first `count` names. */
  nameView(count: number): NameBytes {
    return { bytes: this.nameBytes, offsets: this.offsets.subarray(0, count + 1) };
  }

  table(): LocationTable {
    const n = this.length;
    return { names: this.names, lat: this.lat.slice(0, n), lon: this.lon.slice(0, n) };
  }
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}

/** Whether a run streams its input: `async` on a file, rows writable as their origins arrive. */
export function streamsInput(options: WriteMatrixOptions, format: OutputFormat): boolean {
  const option = options.executor;
  const asyncChosen = option === "async" || (typeof option === "object" && option.name === "async");
  const rowsInOrder =
    format === "pairs" || (format === "matrix" && options.destinations !== undefined);
  return (
    asyncChosen && typeof options.input === "string" && rowsInOrder && options.slice === undefined
  );
}

const noOrigins: LocationTable = { names: [], lat: new Float64Array(0), lon: new Float64Array(0) };

/**
 * The plan of an `async` run on a streamed file (the asyncio lesson): a reader task streams
 * the locations (waiting `ioDelayMs` per row) into a bounded queue, and each row becomes a
 * one-tile segment as soon as its location has arrived (`pairs` in lower-triangle order, or
 * any format with destinations whose header does not depend on the origins). The executor
 * computes it and the writer writes it (waiting `ioDelayMs` per row) while the next rows are
 * read: waiting overlaps, computing does not.
 */
export async function planStreamed(
  options: WriteMatrixOptions,
  settings: WriteSettings,
): Promise<WritePlan> {
  const { ioDelayMs, kernel } = settings;
  const outer = options.signal;
  const given = typeof options.executor === "object" ? options.executor : undefined;
  const executor: Executor = given ?? (await createExecutor("async"));
  const skippedHeaders: HeaderRow[] = [];
  const header = {
    inputHeader: options.inputHeader,
    onHeader: (h: HeaderRow) => skippedHeaders.push(h),
  };
  const destinations =
    options.destinations === undefined
      ? undefined
      : await loadInput(options.destinations, ioDelayMs, outer, header);
  const m0 = destinations?.names.length;
  // The prefix of pairs and of a matrix with destinations does not depend on the origins.
  const probe = prepareOutput(options, kernel, noOrigins, destinations);
  const table = new GrowingTable();
  const layout = destinations ? "rect" : "lower";
  let readMs = 0;
  let offset = 0;
  const rowSegment = (): Segment | undefined => {
    const n = table.length;
    const row = n - 1;
    const count = destinations ? (m0 ?? 0) : row;
    if (count === 0) return undefined;
    const tile: Tile = { index: row, rowStart: row, rowEnd: n, offset, count };
    offset += count;
    const job: TileJob = {
      kernel: {
        layout,
        origins: table.points(n),
        destinations: destinations && points(destinations),
        options: kernel,
      },
      dtype: "float64",
      text: { ...probe.text!, rowNames: table.nameView(n), colNames: probe.text?.colNames },
    };
    return { job, tiles: [tile] };
  };
  const input = options.input as string;
  const segments: AsyncIterable<Segment> = {
    async *[Symbol.asyncIterator]() {
      const queue = new AsyncQueue<Segment>(16);
      const controller = new AbortController();
      const onAbort = () => controller.abort(outer!.reason);
      if (outer?.aborted) onAbort();
      outer?.addEventListener("abort", onAbort, { once: true });
      const signal = controller.signal;
      const reader = (async () => {
        const t0 = performance.now();
        try {
          for await (const location of streamLocations(input, {
            header: options.inputHeader,
            onHeader: header.onHeader,
          })) {
            if (ioDelayMs > 0) await delay(ioDelayMs, signal);
            signal.throwIfAborted();
            table.push(
              location,
              table.encode(
                csvField(options.excelSafe ? excelSafeName(location.name) : location.name),
              ),
            );
            const segment = rowSegment();
            if (segment) await queue.push(segment);
          }
          readMs = performance.now() - t0;
          queue.close();
        } catch (error) {
          queue.fail(error);
        }
      })();
      try {
        yield* queue;
      } finally {
        controller.abort(new Error("writer stopped"));
        queue.fail(new Error("writer stopped"));
        await reader;
        outer?.removeEventListener("abort", onAbort);
      }
    },
  };
  return {
    executor,
    owned: given === undefined,
    dtype: "float64",
    prefix: probe.prefix,
    suffix: probe.suffix,
    base: 0,
    values: undefined,
    toFile: false,
    segments,
    origins: () => table.length,
    destinations: () => m0 ?? table.length,
    readMs: () => readMs,
    notes: [],
    skippedHeaders,
  };
}
