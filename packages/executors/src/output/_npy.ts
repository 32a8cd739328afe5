/** Element types of `.npy` output, the default first. */
export const dtypes = ["float64", "float32"] as const;

/** An element type of `.npy` output: one of {@link dtypes}. */
export type Dtype = (typeof dtypes)[number];

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The header of a NumPy `.npy` v1.0 file holding a C-order, little-endian float array of
 * `shape`: magic, version, header length, then the header dict padded with spaces and a
 * newline so the data starts at a multiple of 64 bytes (what NumPy itself writes).
 * `comment` (one line of ASCII) goes after the dict as a Python comment: NumPy parses the
 * header as a Python literal, so it reads the file as usual (a `dmx compute --shard` part
 * records its slice there).
 *
 * @throws Error on a big-endian machine (the data would need byte swapping)
 */
export function npyHeader(dtype: Dtype, shape: readonly number[], comment?: string): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error("npy output needs a little-endian machine");
  const descr = dtype === "float64" ? "<f8" : "<f4";
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  if (comment !== undefined) dict += ` # ${comment}`;
  const unpadded = 10 + dict.length + 1;
  dict += " ".repeat((64 - (unpadded % 64)) % 64);
  dict += "\n";
  const header = new Uint8Array(10 + dict.length);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  header[8] = dict.length & 0xff;
  header[9] = dict.length >> 8;
  for (let i = 0; i < dict.length; i++) header[10 + i] = dict.charCodeAt(i);
  return header;
}
