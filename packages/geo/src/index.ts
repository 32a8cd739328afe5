/**
 * `@dmx/geo`: coordinates, distance metrics, batch kernels over typed arrays, and location CSV
 * input. Browser-safe: imports no `node:` module (file reading is in `@dmx/geo/files`).
 * @module
 */
export { cdist, cdistRows } from "./_cdist.ts";
export {
  condensedIndex,
  condensedLength,
  condensedPair,
  lowerTrianglePairs,
  workshopPairs,
} from "./_condensed.ts";
export { type Coordinates, coordinates, type Location, location } from "./_coordinates.ts";
export {
  type HaversineBackend,
  haversineBackend,
  setHaversineBackend,
} from "./_fast-haversine.ts";
export type { DistanceArray, KernelOptions } from "./_kernels.ts";
export { lowerTriangleRows, workshopRows } from "./_lower-triangle.ts";
export {
  distance,
  equirectangular,
  geodesic,
  haversine,
  METRICS,
  type MetricName,
} from "./_metrics.ts";
export {
  DEFAULT_SOURCE,
  type LocationChunks,
  type ParseOptions,
  parseLocationChunks,
  parseLocationStream,
  parseLocations,
} from "./_parse.ts";
export { LocationParseError, type LocationParseErrorCode } from "./_parse-error.ts";
export { pdist, pdistRows } from "./_pdist.ts";
export { randomLocationTable } from "./_random-places.ts";
export type { HeaderRow } from "./_reader.ts";
export { type LocationTable, locationTable, type PointArrays, tableLocations } from "./_table.ts";
export {
  type DistanceOptions,
  type DistanceUnit,
  EARTH_MEAN_RADIUS_KM,
  KM_PER_UNIT,
  UNITS,
} from "./_units.ts";
