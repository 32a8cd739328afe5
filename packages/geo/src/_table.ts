import type { Location } from "./_coordinates.ts";
import { checkCoordinates } from "./_coordinates.ts";

/** Locations as a structure of arrays (degrees): what the batch kernels and executors take. */
export interface LocationTable {
  /** Names in input order. */
  readonly names: string[];
  /** Latitudes in degrees, `lat[i]` belongs to `names[i]`. */
  readonly lat: Float64Array;
  /** Longitudes in degrees. */
  readonly lon: Float64Array;
}

/** The coordinate columns of a {@link LocationTable}: what the kernels read. */
export interface PointArrays {
  /** Latitudes in degrees. */
  readonly lat: Float64Array;
  /** Longitudes in degrees, same length as `lat`. */
  readonly lon: Float64Array;
}

/**
 * Packs locations into a {@link LocationTable}, validating each one.
 *
 * @throws RangeError naming the index of an invalid location
 */
export function locationTable(locations: readonly Location[]): LocationTable {
  const n = locations.length;
  const names: string[] = new Array<string>(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const loc = locations[i]!;
    checkCoordinates(loc.coordinates, `locations[${i}] (${JSON.stringify(loc.name)})`);
    names[i] = loc.name;
    lat[i] = loc.coordinates.latitude;
    lon[i] = loc.coordinates.longitude;
  }
  return { names, lat, lon };
}

/** Rows of a table as {@link Location} objects (for small inputs and tests). */
export function tableLocations(table: LocationTable): Location[] {
  const out: Location[] = [];
  for (let i = 0; i < table.names.length; i++) {
    out.push({
      name: table.names[i]!,
      coordinates: { latitude: table.lat[i]!, longitude: table.lon[i]! },
    });
  }
  return out;
}
