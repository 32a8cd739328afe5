import type { Dtype } from "../src/index.ts";
import { computeMatrix } from "../src/index.ts";
import { npyHeader } from "../src/internal.ts";
import { table } from "./_helpers.ts";

// Places and the expected `.npy` bytes shared by the npy-to-a-file tests.

const rows: [string, number, number][] = [];
for (let i = 0; i < 50; i++) {
  rows.push([`p${i}`, ((i * 37) % 179) - 89.5, ((i * 53) % 359) - 179.5]);
}
/** 50 places spread over the globe. */
export const places = table(rows);
/** Their count. */
export const n = places.names.length;

/** The header and the bytes of the matrix of {@link places} computed on the main thread. */
export async function expected(dtype: Dtype, square: boolean): Promise<Uint8Array> {
  const values = await computeMatrix(
    { origins: { lat: places.lat, lon: places.lon }, dtype, square },
    { executor: "sequential" },
  );
  const header = npyHeader(dtype, square ? [n, n] : [(n * (n - 1)) / 2]);
  const out = new Uint8Array(header.length + values.byteLength);
  out.set(header);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), header.length);
  return out;
}
