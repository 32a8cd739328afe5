/**
 * Meaning of CSV fields: numbers, header names, column order.
 * @internal
 */
import type { LocationParseErrorCode } from "./_parse-error.ts";

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:inf|infinity|nan)$/i;

/** Characters of a bad value quoted in a message; longer values are cut, with their length. */
export const QUOTE_LIMIT = 60;

/**
 * `text` for an error message: JSON-quoted (so invisible characters show as escapes), at most
 * {@link QUOTE_LIMIT} characters, the rest summarised as `… (N characters)`.
 */
export function quoteValue(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= QUOTE_LIMIT) return JSON.stringify(text);
  return `${JSON.stringify(chars.slice(0, QUOTE_LIMIT).join(""))}… (${chars.length} characters)`;
}

/** A field problem: reason and code, position added by the caller. */
export interface FieldProblem {
  readonly reason: string;
  readonly code: LocationParseErrorCode;
}

/**
 * Parses a latitude/longitude field strictly: plain decimal or exponent notation, finite,
 * in range. Returns the number or the problem.
 */
export function parseCoordinate(
  field: "latitude" | "longitude",
  text: string,
): number | FieldProblem {
  if (text === "") return { code: "EMPTY_VALUE", reason: `${field} is empty` };
  if (NON_FINITE_WORD.test(text)) {
    return {
      code: "NOT_FINITE",
      reason: `${field} ${quoteValue(text)} is not a finite number`,
    };
  }
  if (!DECIMAL.test(text)) {
    return { code: "NOT_A_NUMBER", reason: `${field} ${quoteValue(text)} is not a number` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return {
      code: "NOT_FINITE",
      reason: `${field} ${quoteValue(text)} is not a finite number (it overflows)`,
    };
  }
  const limit = field === "latitude" ? 90 : 180;
  if (value < -limit || value > limit) {
    return {
      code: "OUT_OF_RANGE",
      reason: `${field} ${text.length > QUOTE_LIMIT ? quoteValue(text) : text} is out of range [-${limit}, ${limit}]`,
    };
  }
  return value;
}

/** Which field holds name, latitude and longitude. */
export interface ColumnOrder {
  readonly name: number;
  readonly latitude: number;
  readonly longitude: number;
}

/** name, latitude, longitude: the order without a header (and with an unnamed one). */
export const DEFAULT_ORDER: ColumnOrder = Object.freeze({ name: 0, latitude: 1, longitude: 2 });

const ROLE_NAMES: Readonly<Record<keyof ColumnOrder, readonly string[]>> = {
  name: ["name", "city", "place", "location", "label"],
  latitude: ["lat", "latitude"],
  longitude: ["lon", "lng", "long", "longitude"],
};

/** Accepted header names, for messages. */
export const HEADER_HELP =
  "name/city/place/location/label, lat/latitude, lon/lng/long/longitude (any order, any case)";

function roleOf(text: string): keyof ColumnOrder | undefined {
  const t = text.trim().toLowerCase();
  for (const role of ["name", "latitude", "longitude"] as const) {
    if (ROLE_NAMES[role].includes(t)) return role;
  }
  return undefined;
}

const DIGIT = /\p{Nd}/u;

/** True if a coordinate field could be a column name: not empty, no digit of any script. */
function wordOnly(text: string): boolean {
  return text !== "" && !DIGIT.test(text) && !NON_FINITE_WORD.test(text);
}

/**
 * True if a first record of three fields is a header: the fields that would hold the
 * coordinates (the named latitude and longitude columns, else the 2nd and 3rd) are both
 * non-empty and contain no digit at all (any script: `４２` and `٤٢` count), and are not a
 * number word (`inf`, `nan`). So `name,lat,lon` and `station,y,x` are headers, while
 * `Boston,42.3x,-71.0y`, `Boston,,` or `Boston,0x2A,1e` are data, and fail as data.
 */
export function isHeader(fields: readonly string[]): boolean {
  const roles = fields.map(roleOf);
  const lat = roles.indexOf("latitude");
  const lon = roles.indexOf("longitude");
  const [a, b] = lat >= 0 && lon >= 0 ? [lat, lon] : [1, 2];
  return wordOnly(fields[a]!) && wordOnly(fields[b]!);
}

/**
 * Column order from a header row. Recognised names (any order) decide it; a header naming none
 * of the columns keeps the default order. Returns the order, or the offending field and problem.
 */
export function headerOrder(
  fields: readonly string[],
): ColumnOrder | { field: number; problem: FieldProblem } {
  const found: Partial<Record<keyof ColumnOrder, number>> = {};
  for (let k = 0; k < fields.length; k++) {
    const role = roleOf(fields[k]!);
    if (role === undefined) continue;
    const previous = found[role];
    if (previous !== undefined) {
      return {
        field: k,
        problem: {
          code: "BAD_HEADER",
          reason: `header names the ${role} column twice (${quoteValue(fields[previous]!)} and ${quoteValue(fields[k]!)})`,
        },
      };
    }
    found[role] = k;
  }
  const { latitude, longitude } = found;
  if (latitude === undefined && longitude === undefined) {
    if (found.name !== undefined && found.name !== 0) {
      return {
        field: found.name,
        problem: {
          code: "BAD_HEADER",
          reason: `header names only the name column; name the coordinate columns too (${HEADER_HELP})`,
        },
      };
    }
    return DEFAULT_ORDER;
  }
  if (latitude === undefined || longitude === undefined) {
    const has = latitude === undefined ? "longitude" : "latitude";
    const lacks = latitude === undefined ? "latitude" : "longitude";
    return {
      field: (latitude ?? longitude)!,
      problem: {
        code: "BAD_HEADER",
        reason: `header names a ${has} column but no ${lacks} column (${HEADER_HELP})`,
      },
    };
  }
  // A field has one role, so a recognised name column can only be the remaining one.
  return { name: 3 - latitude - longitude, latitude, longitude };
}
