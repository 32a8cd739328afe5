import { mulberry32 } from "@dmx/random";
import type { LocationTable } from "./_table.ts";

/**
 * `n` places spread uniformly over the sphere, for benchmarks and demos: the same `seed` gives
 * the same table on every run, runtime and machine. Names are `place 001` … (zero-padded to the
 * width of `n`); coordinates are rounded to 6 decimals, so writing them with `toFixed(6)` and
 * parsing them back gives the same numbers. Latitude is `asin(2u − 1)` so that equal areas get
 * equal shares of places; longitude is uniform in [-180, 180).
 *
 * @param n how many places (a whole number ≥ 0)
 * @param seed any 32-bit integer (default 42)
 * @throws RangeError when `n` is not a whole number ≥ 0
 */
export function randomLocationTable(n: number, seed = 42): LocationTable {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`randomLocationTable: n must be a whole number >= 0, got ${n}`);
  }
  const random = mulberry32(seed);
  const names = new Array<string>(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const width = String(n).length;
  for (let i = 0; i < n; i++) {
    names[i] = `place ${String(i + 1).padStart(width, "0")}`;
    const phi = Math.asin(2 * random() - 1);
    lat[i] = Math.round(((phi * 180) / Math.PI) * 1e6) / 1e6;
    lon[i] = Math.round((random() * 360 - 180) * 1e6) / 1e6;
  }
  return { names, lat, lon };
}
