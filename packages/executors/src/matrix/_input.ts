import type { HeaderRow, Location, LocationTable } from "@dmx/geo";
import { locationTable } from "@dmx/geo";
import { readLocations, streamLocations } from "@dmx/geo/files";
import { delay } from "../_util.ts";

/** An input: a CSV file path, or locations already in memory. */
export type LocationInput = string | LocationTable;

/** How a CSV input's first row is read (see `@dmx/geo`'s `ParseOptions`). */
export interface InputHeaderOptions {
  /** `true`: the first row is a header; `false`: it is data; absent: guessed. */
  readonly inputHeader?: boolean | undefined;
  /** Called with a header row that was skipped. */
  readonly onHeader?: ((header: HeaderRow) => void) | undefined;
}

/**
 * Loads an input into a table. With `ioDelayMs > 0` it streams the file row by row and waits
 * that long per row (simulated slow I/O). `header` decides how the first row is read.
 */
export async function loadInput(
  input: LocationInput,
  ioDelayMs = 0,
  signal?: AbortSignal,
  header: InputHeaderOptions = {},
): Promise<LocationTable> {
  if (typeof input !== "string") return input;
  const read = { header: header.inputHeader, onHeader: header.onHeader };
  if (ioDelayMs <= 0) return readLocations(input, read);
  const rows: Location[] = [];
  for await (const location of streamLocations(input, read)) {
    await delay(ioDelayMs, signal);
    rows.push(location);
  }
  return locationTable(rows);
}
