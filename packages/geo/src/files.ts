/**
 * `@dmx/geo/files`: location CSV from files, for Node and Deno (uses `node:fs`). The browser
 * entry `@dmx/geo` has the same parsers for text and streams.
 * @module
 */
import type { Location } from "./_coordinates.ts";
import { fileChunks } from "./_file-chunks.ts";
import { type ParseOptions, parseLocationChunks, parseLocationStream } from "./_parse.ts";
import type { LocationTable } from "./_table.ts";

/** Options of the file readers: {@link ParseOptions} without `source` (the path is the source). */
export type FileParseOptions = Omit<ParseOptions, "source">;

/** Bytes read per chunk. */
const CHUNK_BYTES = 1 << 16;

/**
 * Reads a location CSV file into a {@link LocationTable}. Errors name the file as given.
 *
 * @param path - file path
 * @param options - `header`, `onHeader`: how the first row is read (default: guessed)
 * @throws LocationParseError (`"<path>:<line>:<column>: <reason>"`) for bad content; the file
 *   system's error (e.g. `ENOENT`) if it cannot be read
 *
 * @example
 * ```ts
 * import { readLocations } from "@dmx/geo/files";
 * const table = await readLocations("examples/world-cities.csv");
 * ```
 */
export function readLocations(path: string, options?: FileParseOptions): Promise<LocationTable> {
  return parseLocationChunks(open(path), { ...options, source: path });
}

/**
 * Streams the locations of a CSV file one by one, in bounded memory.
 *
 * @param path - file path
 * @param options - `header`, `onHeader`: how the first row is read (default: guessed)
 * @throws LocationParseError while iterating, naming the file
 */
export function streamLocations(path: string, options?: FileParseOptions): AsyncIterable<Location> {
  return parseLocationStream(open(path), { ...options, source: path });
}

function open(path: string): AsyncIterable<Uint8Array> {
  if (typeof path !== "string" || path === "") {
    throw new TypeError(`path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  return named(path, fileChunks(path, CHUNK_BYTES));
}

/** The chunks of `stream`; a file system error without a path (e.g. `EISDIR`) gets `path`. */
async function* named(path: string, stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* stream;
  } catch (error) {
    const e = error as { code?: unknown; path?: unknown };
    if (e !== null && typeof e === "object" && typeof e.code === "string" && e.path === undefined) {
      e.path = path;
    }
    throw error;
  }
}
