import type { Location } from "./_coordinates.ts";
import { Lines } from "./_csv-lines.ts";
import { type HeaderRow, LocationReader, type LocationSink } from "./_reader.ts";
import type { LocationTable } from "./_table.ts";
import { TableBuilder } from "./_table-builder.ts";
import { StrictUtf8, Utf8Error } from "./_utf8.ts";

/** Options of the CSV readers. */
export interface ParseOptions {
  /** Name of the input in error messages (default `"<input>"`). */
  source?: string | undefined;
  /**
   * Whether the first non-blank row is a header: `true` always, `false` never (it is data),
   * absent: guessed — a header only when its coordinate fields contain no digit at all
   * (`name,lat,lon`, `station,y,x`); any other row that does not parse is an error at its line.
   */
  header?: boolean | undefined;
  /** Called with the header row when one is skipped (so a caller can say so). */
  onHeader?: ((header: HeaderRow) => void) | undefined;
}

function readerFor(options: ParseOptions | undefined, sink: LocationSink): LocationReader {
  return new LocationReader(options?.source ?? DEFAULT_SOURCE, sink, {
    header: options?.header,
    onHeader: options?.onHeader,
  });
}

/**
 * CSV chunks: any async iterable of strings or UTF-8 bytes (a Node `Readable`, an async
 * generator), or a web `ReadableStream` (read through its reader where it is not iterable).
 */
export type LocationChunks =
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<string | Uint8Array>
  | ReadableStream<Uint8Array>;

/** Default input name in errors when no `source` is given. */
export const DEFAULT_SOURCE = "<input>";

/**
 * Parses location CSV held in memory: rows `name, latitude, longitude` (degrees), with an
 * optional header, BOM, CRLF, quoted names and blank lines (rules in the README).
 *
 * @param text - the whole CSV text
 * @param options - `source`: name used in errors; `header`, `onHeader`: the first row
 * @returns the locations as a {@link LocationTable}, in input order
 * @throws LocationParseError with file, line, column and reason for any problem
 *
 * @example
 * ```ts
 * const table = parseLocations("name,lat,lon\nBoston,42.36,-71.06\n", { source: "cities.csv" });
 * table.names; // ["Boston"]
 * ```
 */
export function parseLocations(text: string, options?: ParseOptions): LocationTable {
  if (typeof text !== "string")
    throw new TypeError("parseLocations needs the CSV text as a string");
  const table = new TableBuilder();
  const reader = readerFor(options, table.add);
  reader.push(text);
  reader.end();
  return table.finish();
}

/**
 * Streams locations from CSV chunks (strings, or UTF-8 bytes, split anywhere — even inside a
 * character or a quoted field). Memory stays bounded by the longest record plus one batch.
 *
 * @param chunks - e.g. a `ReadableStream<Uint8Array>` or a Node `Readable`
 * @param options - `source`: name used in errors; `header`, `onHeader`: the first row
 * @throws LocationParseError (when iterated) for any problem, including invalid UTF-8
 *
 * @example
 * ```ts
 * const response = await fetch("/cities.csv");
 * for await (const place of parseLocationStream(response.body!)) console.log(place.name);
 * ```
 */
export async function* parseLocationStream(
  chunks: LocationChunks,
  options?: ParseOptions,
): AsyncGenerator<Location, void, undefined> {
  let ready: Location[] = [];
  const reader = readerFor(options, (name, latitude, longitude) => {
    ready.push({ name, coordinates: { latitude, longitude } });
  });
  let failure: unknown;
  try {
    for await (const text of decode(chunks, reader)) {
      reader.push(text);
      if (ready.length > 0) {
        const batch = ready;
        ready = [];
        yield* batch;
      }
    }
    reader.end();
  } catch (error) {
    failure = error;
  }
  // Everything before the problem is delivered first, then the problem.
  yield* ready;
  if (failure !== undefined) throw failure;
}

/**
 * Reads a whole stream of CSV chunks into a {@link LocationTable} (what `parseLocationStream`
 * yields, packed), without creating an object per location.
 *
 * @throws LocationParseError for any problem
 */
export async function parseLocationChunks(
  chunks: LocationChunks,
  options?: ParseOptions,
): Promise<LocationTable> {
  const table = new TableBuilder();
  const reader = readerFor(options, table.add);
  for await (const text of decode(chunks, reader)) reader.push(text);
  reader.end();
  return table.finish();
}

/** UTF-8 decoding of byte chunks (strings pass through), invalid bytes as parse errors. */
async function* decode(
  chunks: LocationChunks,
  reader: LocationReader,
): AsyncGenerator<string, void, undefined> {
  const utf8 = new StrictUtf8();
  for await (const chunk of iterate(chunks)) {
    if (typeof chunk === "string") {
      yield chunk;
    } else if (chunk instanceof Uint8Array) {
      yield strict(reader, () => utf8.decode(chunk));
    } else {
      throw new TypeError(`chunks must be strings or Uint8Arrays, got ${typeof chunk}`);
    }
  }
  strict(reader, () => utf8.end());
}

/** Runs a decoding step; reports an invalid byte at its line and column. */
function strict<T>(reader: LocationReader, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof Utf8Error)) throw error;
    const text = reader.unparsed + error.before;
    const pos = new Lines(text, reader.line).at(text.length);
    return reader.fail(pos.line, pos.column, "INVALID_UTF8", "invalid UTF-8 byte sequence", error);
  }
}

/** Async iteration over `chunks`, through a reader for streams that are not iterable. */
function iterate(chunks: LocationChunks): AsyncIterable<unknown> {
  if (chunks !== null && typeof chunks === "object") {
    if (Symbol.asyncIterator in chunks) return chunks as AsyncIterable<unknown>;
    if (typeof (chunks as ReadableStream).getReader === "function") {
      return readAll(chunks as ReadableStream<unknown>);
    }
  }
  throw new TypeError("chunks must be an async iterable or a ReadableStream of strings or bytes");
}

async function* readAll(stream: ReadableStream<unknown>): AsyncGenerator<unknown, void, undefined> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
