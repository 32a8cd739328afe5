import type { Location, LocationTable } from "@dmx/geo";
import { locationTable } from "@dmx/geo";
import { readLocations, streamLocations } from "@dmx/geo/files";
import { delay } from "../_util.ts";

/** An input: a CSV file path, or locations already in memory. */
export type LocationInput = string | LocationTable;

/**
 * Loads an input into a table. With `ioDelayMs > 0` it streams the file row by row and waits
 * that long per row (simulated slow I/O).
 */
export async function loadInput(
  input: LocationInput,
  ioDelayMs = 0,
  signal?: AbortSignal,
): Promise<LocationTable> {
  if (typeof input !== "string") return input;
  if (ioDelayMs <= 0) return readLocations(input);
  const rows: Location[] = [];
  for await (const location of streamLocations(input)) {
    await delay(ioDelayMs, signal);
    rows.push(location);
  }
  return locationTable(rows);
}
