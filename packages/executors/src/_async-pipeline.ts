import type { HeaderRow, KernelOptions, Location, LocationTable } from "@dmx/geo";
import { streamLocations } from "@dmx/geo/files";
import { DEFAULT_TILE_VALUES } from "./_compute-matrix.ts";
import { csvField, type NameBytes } from "./_csv.ts";
import { loadInput } from "./_input.ts";
import type { Tile } from "./_layout.ts";
import { planTiles } from "./_layout.ts";
import { openSink } from "./_output.ts";
import type { OutputFormat } from "./_prepare.ts";
import { points, prepareOutput, tileJob } from "./_prepare.ts";
import { AsyncQueue } from "./_queue.ts";
import type { TileJob } from "./_tile-job.ts";
import { runTile } from "./_tile-job.ts";
import { delay, yieldToEventLoop } from "./_util.ts";
import type { WriteMatrixOptions, WriteMatrixResult } from "./_write-matrix.ts";

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

/**
 * `writeMatrix` with the `async` executor on a file: three stages joined by bounded queues.
 * The reader streams locations (waiting `ioDelayMs` per row); the calculator computes each
 * row as soon as its location has arrived (`pairs`, in the workshop's order, and any
 * format with destinations but an origin-independent header), or else after the last one;
 * the writer writes rows (waiting `ioDelayMs` per row). Waiting overlaps; computing does not.
 */
export async function streamAsyncPipeline(
  options: WriteMatrixOptions,
  context: {
    format: OutputFormat;
    output: string | NodeJS.WritableStream;
    kernel: KernelOptions;
    started: number;
  },
): Promise<WriteMatrixResult> {
  const { format, kernel } = context;
  const ioDelayMs = options.ioDelayMs ?? 0;
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer!.reason);
  if (outer?.aborted) onAbort();
  outer?.addEventListener("abort", onAbort, { once: true });
  const signal = controller.signal;

  const skippedHeaders: HeaderRow[] = [];
  const header = {
    header: options.inputHeader,
    onHeader: (h: HeaderRow) => skippedHeaders.push(h),
  };
  const destinations =
    options.destinations === undefined
      ? undefined
      : await loadInput(options.destinations, ioDelayMs, signal, {
          inputHeader: header.header,
          onHeader: header.onHeader,
        });
  const m0 = destinations?.names.length;
  const streaming = format === "pairs" || (format === "matrix" && destinations !== undefined);
  const sink = await openSink(context.output);
  const rowsIn = new AsyncQueue<Location>(16);
  const chunksOut = new AsyncQueue<Uint8Array>(4);
  const table = new GrowingTable();
  let readMs = 0;
  let calcMs = 0;
  let bytes = 0;
  let values = 0;
  let total = 0;

  const reader = async () => {
    const t0 = performance.now();
    for await (const location of streamLocations(options.input as string, header)) {
      if (ioDelayMs > 0) await delay(ioDelayMs, signal);
      signal.throwIfAborted();
      await rowsIn.push(location);
    }
    rowsIn.close();
    readMs = performance.now() - t0;
  };

  const calculator = async () => {
    if (streaming) {
      // The prefix of pairs and of a matrix with destinations does not depend on the origins.
      const probe = prepareOutput(
        options,
        kernel,
        { names: [], lat: new Float64Array(0), lon: new Float64Array(0) },
        destinations,
      );
      await chunksOut.push(probe.prefix);
      const colNames = probe.text?.colNames;
      for await (const location of rowsIn) {
        table.push(location, table.encode(csvField(location.name)));
        const n = table.length;
        const row = n - 1;
        const layout = destinations ? "rect" : "lower";
        const m = m0 ?? n;
        const tile: Tile = {
          index: row,
          rowStart: row,
          rowEnd: n,
          offset: 0,
          count: destinations ? m : row,
        };
        if (tile.count === 0) continue;
        const job: TileJob = {
          kernel: {
            layout,
            origins: table.points(n),
            destinations: destinations && points(destinations),
            options: kernel,
          },
          dtype: "float64",
          text: { ...probe.text!, rowNames: table.nameView(n), colNames },
        };
        const t0 = performance.now();
        const out = runTile(job, tile);
        calcMs += performance.now() - t0;
        values += tile.count;
        await chunksOut.push(out.bytes!);
      }
      total = values;
      await chunksOut.push(probe.suffix);
    } else {
      for await (const location of rowsIn) table.push(location, new Uint8Array(0));
      const origins = table.table();
      const prepared = prepareOutput(options, kernel, origins, destinations);
      total = prepared.values;
      await chunksOut.push(prepared.prefix);
      const n = origins.names.length;
      const tiles = planTiles(
        prepared.layout,
        n,
        m0 ?? n,
        options.tileValues ?? DEFAULT_TILE_VALUES,
        ioDelayMs > 0 ? 1 : Number.POSITIVE_INFINITY,
      );
      const job: TileJob = tileJob(prepared, kernel, origins, destinations);
      for (const tile of tiles) {
        signal.throwIfAborted();
        const t0 = performance.now();
        const out = runTile(job, tile);
        calcMs += performance.now() - t0;
        values += tile.count;
        await chunksOut.push(out.bytes ?? new Uint8Array(out.values!.buffer));
        await yieldToEventLoop();
      }
      await chunksOut.push(prepared.suffix);
    }
    chunksOut.close();
  };

  const writer = async () => {
    let first = true;
    for await (const chunk of chunksOut) {
      // The prefix and suffix are not rows: no simulated latency for them.
      if (ioDelayMs > 0 && !first && chunk.length > 0) await delay(ioDelayMs, signal);
      first = false;
      await sink.write(chunk);
      bytes += chunk.length;
      options.onProgress?.({ done: values, total: Math.max(total, values) });
    }
  };

  const stage = (run: () => Promise<void>) =>
    run().catch((error: unknown) => {
      if (!signal.aborted) controller.abort(error);
      rowsIn.fail(error);
      chunksOut.fail(error);
      throw error;
    });
  try {
    const results = await Promise.allSettled([stage(reader), stage(calculator), stage(writer)]);
    if (signal.aborted) throw signal.reason;
    for (const r of results) if (r.status === "rejected") throw r.reason;
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    outer?.removeEventListener("abort", onAbort);
  }
  return {
    outputPath: (sink as { path?: string }).path,
    format,
    executor: "async",
    threads: 1,
    origins: table.length,
    destinations: m0 ?? table.length,
    values,
    bytes,
    readMs,
    calcMs,
    totalMs: performance.now() - context.started,
    skippedHeaders,
    notes: streaming
      ? []
      : [
          `async: ${format} needs every origin before the first row; rows were computed after reading`,
        ],
  };
}
