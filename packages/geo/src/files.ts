/**
 * `@dmx/geo/files`: location CSV from files, for Node and Deno (uses `node:fs`). The browser
 * entry `@dmx/geo` has the same parsers for text and streams.
 * @module
 */
import { createReadStream } from "node:fs";
import type { Location } from "./_coordinates.ts";
import { parseLocationChunks, parseLocationStream } from "./_parse.ts";
import type { LocationTable } from "./_table.ts";

/** Bytes read per chunk. */
const CHUNK_BYTES = 1 << 16;

/**
 * Reads a location CSV file into a {@link LocationTable}. Errors name the file as given.
 *
 * @param path - file path
 * @throws LocationParseError (`"<path>:<line>:<column>: <reason>"`) for bad content; the file
 *   system's error (e.g. `ENOENT`) if it cannot be read
 *
 * @example
 * ```ts
 * import { readLocations } from "@dmx/geo/files";
 * const table = await readLocations("examples/world-cities.csv");
 * ```
 */
export function readLocations(path: string): Promise<LocationTable> {
  return parseLocationChunks(open(path), { source: path });
}

/**
 * Streams the locations of a CSV file one by one, in bounded memory.
 *
 * @param path - file path
 * @throws LocationParseError while iterating, naming the file
 */
export function streamLocations(path: string): AsyncIterable<Location> {
  return parseLocationStream(open(path), { source: path });
}

function open(path: string): AsyncIterable<Uint8Array> {
  if (typeof path !== "string" || path === "") {
    throw new TypeError(`path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  return createReadStream(path, { highWaterMark: CHUNK_BYTES });
}
