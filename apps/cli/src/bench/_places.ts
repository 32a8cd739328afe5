/**
 * Seeded places for `dmx bench`: the same seed gives the same coordinates on every run and
 * machine, so numbers are comparable run to run. (Presentation support only: the bench needs
 * inputs of a given size; no domain logic lives here.)
 */

/** Locations as structure-of-arrays, degrees (DESIGN.md, "Data flow"). */
export interface BenchPlaces {
  readonly names: string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
}

/** mulberry32: a small seeded 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` places spread uniformly over the sphere, coordinates rounded to 6 decimals (the same
 * numbers `tooling/bench`'s generator writes to CSV for the same seed).
 */
export function generatePlaces(n: number, seed = 42): BenchPlaces {
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
