// Seeded, deterministic input generator: N random places spread evenly over the sphere,
// written as the CSV that `dmx compute` and the Python baselines read.
//
//   node src/generate.js <n> <out.csv> [seed=42]

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { pathToFileURL } from "node:url";
import { randomLocationTable } from "@dmx/geo";

/**
 * N places uniform on the sphere, coordinates rounded to 6 decimals (so the numbers in memory
 * equal the numbers parsed back from the CSV): `@dmx/geo`'s seeded `randomLocationTable`, the
 * same generator `dmx bench` uses.
 */
export const generatePlaces = randomLocationTable;

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
