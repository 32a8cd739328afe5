/**
 * Fast haversine for the batch kernels: the chord form on precomputed unit vectors, with
 * the arcsine as a rational fit, in WebAssembly SIMD (two pairs per instruction) or, where
 * WebAssembly is unavailable, the same arithmetic in plain JavaScript.
 *
 * For unit vectors p_i, p_j: d2 = |p_i − p_j|², e2 = |p_i + p_j|² (so d2 + e2 = 4, and e2 is
 * taken as 4 − d2 except near antipodes), and the shorter of the two chords gives the half
 * angle α = asin(√m / 2) ≤ π/4 with m = min(d2, e2). Using the antipodal chord when it is
 * shorter keeps full precision near antipodes, where asin is ill-conditioned.
 * 2α = √m · P(m) / Q(m) with P, Q of degree 4 (relative error < 7e-13; scripts/fit_asin.py),
 * so results agree with the scalar haversine to ~1e-12. Both backends do the same operations
 * pair by pair, so they give bit-identical results.
 * @internal
 */
import { jsRow } from "./_haversine-js.ts";
import { HAVERSINE_WASM_BASE64 } from "./_haversine-wasm.ts";
import { RAD } from "./_math.ts";
import type { PointArrays } from "./_table.ts";

/**
 * Which implementation runs the haversine batch kernels: `"wasm"` (WebAssembly SIMD, two
 * pairs per instruction) or `"js"` (the same arithmetic in plain JavaScript).
 */
export type HaversineBackend = "wasm" | "js";

/** Values computed per WebAssembly call (the scratch area; 64 KiB stays in L2). */
const CHUNK = 8192;

type RowFn = (
  xi: number,
  yi: number,
  zi: number,
  x: number,
  y: number,
  z: number,
  count: number,
  out: number,
  r: number,
  pr: number,
) => void;

interface Wasm {
  readonly memory: WebAssembly.Memory;
  readonly row: RowFn;
}

let wasm: Wasm | null | undefined;
let forced: HaversineBackend | undefined;

function loadWasm(): Wasm | null {
  try {
    if (typeof WebAssembly !== "object") return null;
    const bytes = Uint8Array.from(atob(HAVERSINE_WASM_BASE64), (c) => c.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null; // no SIMD support
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const { memory, row } = instance.exports as unknown as Wasm;
    return { memory, row };
  } catch {
    return null;
  }
}

/**
 * The backend the haversine batch kernels use in this thread: WebAssembly SIMD when the
 * runtime supports it, else plain JavaScript. Results agree to ~1e-15 either way.
 */
export function haversineBackend(): HaversineBackend {
  if (forced !== undefined) return forced;
  if (wasm === undefined) wasm = loadWasm();
  return wasm === null ? "js" : "wasm";
}

/**
 * Forces a backend in this thread (for benchmarks and tests); `undefined` restores the
 * automatic choice.
 *
 * @throws Error when asked for `"wasm"` where WebAssembly SIMD is unavailable
 */
export function setHaversineBackend(backend: HaversineBackend | undefined): void {
  if (wasm === undefined) wasm = loadWasm();
  if (backend === "wasm" && wasm === null) {
    throw new Error("WebAssembly SIMD is not available in this runtime");
  }
  forced = backend;
  prepared = undefined;
}

/**
 * Unit vectors of the last point set, cached by content: executors call the row functions
 * once per tile with the same points, often as fresh copies, so identity cannot be the key.
 * Layout (float64 indices): x at 0, y at `stride`, z at `2·stride`, scratch at `3·stride`.
 */
interface Prepared {
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly stride: number;
  readonly backend: HaversineBackend;
  store: Float64Array;
}

let prepared: Prepared | undefined;
let jsStore: Float64Array = new Float64Array(0);

/** Node's `Buffer` where there is one: its `equals` is a native memcmp, ~15x the JS loop. */
const nodeBuffer = (
  globalThis as {
    Buffer?: {
      from(b: ArrayBufferLike, offset: number, length: number): { equals(o: unknown): boolean };
    };
  }
).Buffer;

/**
 * Same coordinates (then the unit vectors are the same too); same bits in Node. Called once
 * per tile with 2n values, so it must be cheap next to the tile: the JS loop costs ~5 ns per
 * value, which was ~15% of a 131,072-value tile at n = 10,000; Node's memcmp ~0.4 ns.
 */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  const n = a.length;
  if (b.length !== n) return false;
  if (nodeBuffer !== undefined) {
    const view = (x: Float64Array) => nodeBuffer.from(x.buffer, x.byteOffset, x.byteLength);
    return view(a).equals(view(b));
  }
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return false; // ±0 alike: same distances
  return true;
}

/** Float64 view over storage for `doubles` values (WebAssembly memory or a JS array). */
function storage(backend: HaversineBackend, doubles: number): Float64Array {
  if (backend === "js") {
    if (jsStore.length < doubles) jsStore = new Float64Array(doubles);
    return jsStore;
  }
  const memory = wasm!.memory;
  const bytes = doubles * 8;
  if (memory.buffer.byteLength < bytes) {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  }
  return new Float64Array(memory.buffer);
}

/** Unit vectors for `points`, reusing the cache when the coordinates are unchanged. */
function prepare(points: PointArrays): Prepared {
  const backend = haversineBackend();
  const { lat, lon } = points;
  const n = lat.length;
  if (
    prepared !== undefined &&
    prepared.backend === backend &&
    sameValues(prepared.lat, lat) &&
    sameValues(prepared.lon, lon)
  ) {
    return prepared;
  }
  const stride = n + 2; // + padding: the SIMD loop may read one value past a row
  const store = storage(backend, 3 * stride + CHUNK + 2);
  for (let k = 0; k < n; k++) {
    const phi = lat[k]! * RAD;
    const lambda = lon[k]! * RAD;
    const c = Math.cos(phi);
    store[k] = c * Math.cos(lambda);
    store[stride + k] = c * Math.sin(lambda);
    store[2 * stride + k] = Math.sin(phi);
  }
  for (const base of [n, stride + n, 2 * stride + n]) store.fill(0, base, base + 2);
  prepared = { lat: lat.slice(), lon: lon.slice(), stride, backend, store };
  return prepared;
}

/**
 * Distances from origin unit vector (xi, yi, zi) to prepared points `[jStart, jEnd)`, into
 * `out` from `o`; `r` is the radius in output units. Returns the next offset.
 */
function rows(
  p: Prepared,
  xi: number,
  yi: number,
  zi: number,
  jStart: number,
  jEnd: number,
  r: number,
  out: Float64Array | Float32Array,
  o: number,
): number {
  const pr = Math.PI * r;
  if (p.backend === "js") return jsRow(p.store, p.stride, xi, yi, zi, jStart, jEnd, r, pr, out, o);
  const { row, memory } = wasm!;
  if (p.store.buffer !== memory.buffer) p.store = new Float64Array(memory.buffer);
  const s = p.stride;
  const scratch = 3 * s;
  for (let j = jStart; j < jEnd; j += CHUNK) {
    const count = Math.min(CHUNK, jEnd - j);
    row(xi, yi, zi, 8 * j, 8 * (s + j), 8 * (2 * s + j), count, 8 * scratch, r, pr);
    out.set(p.store.subarray(scratch, scratch + count), o);
    o += count;
  }
  return o;
}

/** Condensed rows `[rowStart, rowEnd)` of `points`, `r` = radius in output units. */
export function fastPdistRows(
  points: PointArrays,
  rowStart: number,
  rowEnd: number,
  r: number,
  out: Float64Array | Float32Array,
  outOffset: number,
): void {
  const p = prepare(points);
  const n = points.lat.length;
  const s = p.stride;
  let o = outOffset;
  for (let i = rowStart; i < rowEnd; i++) {
    const v = p.store;
    o = rows(p, v[i]!, v[s + i]!, v[2 * s + i]!, i + 1, n, r, out, o);
  }
}

/** Rows `[rowStart, rowEnd)` of origins × destinations, `r` = radius in output units. */
export function fastCdistRows(
  origins: PointArrays,
  destinations: PointArrays,
  rowStart: number,
  rowEnd: number,
  r: number,
  out: Float64Array | Float32Array,
  outOffset: number,
): void {
  const p = prepare(destinations);
  const m = destinations.lat.length;
  let o = outOffset;
  for (let i = rowStart; i < rowEnd; i++) {
    const phi = origins.lat[i]! * RAD;
    const lambda = origins.lon[i]! * RAD;
    const c = Math.cos(phi);
    o = rows(p, c * Math.cos(lambda), c * Math.sin(lambda), Math.sin(phi), 0, m, r, out, o);
  }
}

/** Workshop-order rows `[rowStart, rowEnd)`: row j is (0, j) … (j − 1, j). */
export function fastLowerTriangleRows(
  points: PointArrays,
  rowStart: number,
  rowEnd: number,
  r: number,
  out: Float64Array | Float32Array,
  outOffset: number,
): void {
  const p = prepare(points);
  const s = p.stride;
  let o = outOffset;
  for (let j = rowStart; j < rowEnd; j++) {
    const v = p.store;
    o = rows(p, v[j]!, v[s + j]!, v[2 * s + j]!, 0, j, r, out, o);
  }
}
