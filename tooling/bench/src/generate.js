// Seeded, deterministic input generator: N random places spread evenly over the sphere,
// written as the CSV that `dmx compute` and the Python baselines read.
//
//   node src/generate.js <n> <out.csv> [seed=42]

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { pathToFileURL } from "node:url";

/** mulberry32: a small, fast, seeded 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed) {
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
 * N places uniform on the sphere, coordinates rounded to 6 decimals (so the numbers in memory
 * equal the numbers parsed back from the CSV).
 * @param {number} n
 * @param {number} [seed]
 * @returns {{ names: string[], lat: Float64Array, lon: Float64Array }}
 */
export function generatePlaces(n, seed = 42) {
  const random = mulberry32(seed);
  const names = new Array(n);
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

/**
 * Writes `name,latitude,longitude` plus one row per place.
 * @param {string} path
 * @param {{ names: string[], lat: Float64Array, lon: Float64Array }} places
 */
export async function writePlacesCsv(path, places) {
  const out = createWriteStream(path);
  let chunk = "name,latitude,longitude\n";
  for (let i = 0; i < places.names.length; i++) {
    chunk += `${places.names[i]},${places.lat[i].toFixed(6)},${places.lon[i].toFixed(6)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [n, path, seed] = process.argv.slice(2);
  if (!n || !path || !(Number(n) >= 2)) {
    console.error("usage: node src/generate.js <n >= 2> <out.csv> [seed=42]");
    process.exit(2);
  }
  await writePlacesCsv(path, generatePlaces(Number(n), seed === undefined ? 42 : Number(seed)));
}
