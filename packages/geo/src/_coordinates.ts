/** A point on the Earth in decimal degrees (WGS84 latitude and longitude). */
export interface Coordinates {
  /** Latitude in degrees, in [-90, 90]; positive north. */
  readonly latitude: number;
  /** Longitude in degrees, in [-180, 180]; positive east. */
  readonly longitude: number;
}

/** A named place. */
export interface Location {
  /** The place's name as read from the input (never empty). */
  readonly name: string;
  /** Where it is. */
  readonly coordinates: Coordinates;
}

/** Why a latitude or longitude is unacceptable, or `undefined` if it is fine. @internal */
export function coordinateProblem(
  field: "latitude" | "longitude",
  value: number,
): string | undefined {
  if (typeof value !== "number") return `${field} must be a number, got ${typeof value}`;
  if (!Number.isFinite(value)) return `${field} must be a finite number, got ${value}`;
  const limit = field === "latitude" ? 90 : 180;
  if (value < -limit || value > limit) {
    return `${field} ${value} is out of range [-${limit}, ${limit}]`;
  }
  return undefined;
}

/** Throws a `RangeError` unless `value` is a valid latitude/longitude. @internal */
export function checkCoordinate(field: "latitude" | "longitude", value: number): void {
  const problem = coordinateProblem(field, value);
  if (problem !== undefined) throw new RangeError(problem);
}

/** Throws a `RangeError` unless `c` holds a valid latitude and longitude. @internal */
export function checkCoordinates(c: Coordinates, what = "coordinates"): void {
  if (c === null || typeof c !== "object") {
    throw new TypeError(`${what} must be an object with latitude and longitude`);
  }
  for (const field of ["latitude", "longitude"] as const) {
    const problem = coordinateProblem(field, c[field]);
    if (problem !== undefined) throw new RangeError(`${what}: ${problem}`);
  }
}

/**
 * Validating constructor for {@link Coordinates}.
 *
 * @param latitude - degrees, finite, in [-90, 90]
 * @param longitude - degrees, finite, in [-180, 180]
 * @returns a frozen `{ latitude, longitude }`
 * @throws RangeError naming the field and the value, e.g. `latitude 91 is out of range [-90, 90]`
 *
 * @example
 * ```ts
 * const boston = coordinates(42.360081, -71.058884);
 * ```
 */
export function coordinates(latitude: number, longitude: number): Coordinates {
  checkCoordinate("latitude", latitude);
  checkCoordinate("longitude", longitude);
  return Object.freeze({ latitude, longitude });
}

/**
 * Validating constructor for {@link Location}.
 *
 * @param name - non-empty name (not only whitespace)
 * @param latitude - degrees, finite, in [-90, 90]
 * @param longitude - degrees, finite, in [-180, 180]
 * @throws TypeError if `name` is not a string; RangeError if it is empty or a coordinate is invalid
 */
export function location(name: string, latitude: number, longitude: number): Location {
  if (typeof name !== "string") throw new TypeError(`name must be a string, got ${typeof name}`);
  if (name.trim() === "")
    throw new RangeError(`name must not be empty, got ${JSON.stringify(name)}`);
  return Object.freeze({ name, coordinates: coordinates(latitude, longitude) });
}
