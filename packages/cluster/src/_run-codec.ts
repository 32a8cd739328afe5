import { type DistanceUnit, KM_PER_UNIT, METRICS, type PointArrays } from "@dmx/geo";
import { ClusterError } from "./_errors.ts";
import type { Layout, NameBytes, TextSpec, Tile, TileJob } from "./_executors-bridge.ts";
import { rowCount, rowOffset } from "./_executors-bridge.ts";

/**
 * A run as stored in Redis, once: the job every tile of it needs (points, metric, format,
 * names) and the tile plan (row boundaries). Workers rebuild each tile from this and the
 * tile's index, so a queue entry carries two small fields and nothing to trust.
 */
export interface StoredRun {
  readonly job: TileJob;
  /** The tiles, in output order. */
  readonly tiles: readonly Tile[];
}

const MAGIC = "DMXRUN1\n";
const layouts: readonly Layout[] = ["condensed", "lower", "square", "rect"];
/** Largest number of places (origins or destinations) a stored run may hold. */
export const MAX_PLACES = 1 << 26;
/** Largest number of tiles a stored run may hold. */
export const MAX_TILES = 1 << 22;

interface Header {
  v: 1;
  layout: Layout;
  n: number;
  m: number;
  rect: boolean;
  metric: string | null;
  unit: string | null;
  radius: number | null;
  dtype: "float64" | "float32";
  text: null | {
    format: "pairs" | "matrix" | "json";
    precision: number | null;
    rowBytes: number;
    colBytes: number;
    /** Names carried: n (CSV formats) or 0 (json writes no names in tiles). */
    names: number;
  };
  tiles: number;
}

const encoder = new TextEncoder();
const pad8 = (x: number) => Math.ceil(x / 8) * 8;

/** Encodes a run into one binary value (little-endian typed arrays, 8-byte aligned). */
export function encodeRun(job: TileJob, tiles: readonly Tile[]): Uint8Array {
  const { kernel, text } = job;
  const n = kernel.origins.lat.length;
  const dest = kernel.destinations;
  const m = dest?.lat.length ?? n;
  const cols = text?.colNames;
  const header: Header = {
    v: 1,
    layout: kernel.layout,
    n,
    m,
    rect: dest !== undefined,
    metric: kernel.options.metric ?? null,
    unit: kernel.options.unit ?? null,
    radius: kernel.options.radius ?? null,
    dtype: job.dtype,
    text: text
      ? {
          format: text.format,
          precision: text.precision ?? null,
          rowBytes: text.rowNames.bytes.length,
          colBytes: cols ? cols.bytes.length : -1,
          names: text.rowNames.offsets.length - 1,
        }
      : null,
    tiles: tiles.length,
  };
  const parts: Uint8Array[] = [];
  const f64 = (a: Float64Array) => parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const bytes = (a: Uint8Array) => parts.push(a, new Uint8Array(pad8(a.length) - a.length));
  const u32 = (a: Uint32Array) => bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const json = encoder.encode(JSON.stringify(header));
  const head = new Uint8Array(MAGIC.length + 4);
  head.set(encoder.encode(MAGIC));
  new DataView(head.buffer).setUint32(MAGIC.length, json.length, true);
  parts.push(head);
  bytes(json);
  f64(kernel.origins.lat);
  f64(kernel.origins.lon);
  if (dest) {
    f64(dest.lat);
    f64(dest.lon);
  }
  if (text) {
    u32(text.rowNames.offsets);
    bytes(text.rowNames.bytes);
    if (cols) {
      u32(cols.offsets);
      bytes(cols.bytes);
    }
  }
  const bounds = new Uint32Array(tiles.length + 1);
  tiles.forEach((t, i) => {
    bounds[i] = t.rowStart;
  });
  bounds[tiles.length] = tiles.length > 0 ? tiles[tiles.length - 1]!.rowEnd : 0;
  u32(bounds);
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function bad(message: string): never {
  throw new ClusterError("BAD_JOB", `malformed run data: ${message}`);
}

const isCount = (x: unknown, max: number): x is number =>
  typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= max;

function checkHeader(h: Partial<Header>): asserts h is Header {
  if (h.v !== 1) bad(`version ${String(h.v)}`);
  if (!layouts.includes(h.layout as Layout)) bad(`layout ${String(h.layout)}`);
  if (!isCount(h.n, MAX_PLACES) || !isCount(h.m, MAX_PLACES)) bad("place counts out of range");
  if (typeof h.rect !== "boolean" || h.rect !== (h.layout === "rect") || (!h.rect && h.m !== h.n))
    bad("destinations do not match the layout");
  if (h.metric !== null && !(METRICS as readonly unknown[]).includes(h.metric)) bad("metric");
  if (h.unit !== null && !Object.hasOwn(KM_PER_UNIT, String(h.unit))) bad("unit");
  if (h.radius !== null && !(typeof h.radius === "number" && h.radius > 0 && h.radius < 1e9))
    bad("radius");
  if (h.radius !== null && h.metric === "geodesic") bad("radius with geodesic");
  if (h.dtype !== "float64" && h.dtype !== "float32") bad("dtype");
  if (!isCount(h.tiles, MAX_TILES)) bad("tile count out of range");
  const t = h.text;
  if (t !== null) {
    if (typeof t !== "object" || !["pairs", "matrix", "json"].includes(t.format)) bad("format");
    if (t.precision !== null && !isCount(t.precision, 100)) bad("precision");
    if (
      !isCount(t.rowBytes, 2 ** 32 - 1) ||
      !(t.colBytes === -1 || isCount(t.colBytes, 2 ** 32 - 1))
    )
      bad("name sizes");
    if ((t.colBytes !== -1) !== (h.rect && t.format !== "json")) bad("column names");
    if (t.names !== (t.format === "json" ? 0 : h.n)) bad("name count");
  }
}

/** Reads a stored run, checking every size, range and boundary (the bytes are untrusted). */
export function decodeRun(data: Uint8Array): StoredRun {
  const magic = new TextDecoder().decode(data.subarray(0, MAGIC.length));
  if (magic !== MAGIC) bad("not a dmx run");
  if (data.length < MAGIC.length + 4) bad("truncated");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const headerStart = MAGIC.length + 4;
  if (headerLength > 4096 || headerStart + headerLength > data.length) bad("header size");
  let header: Partial<Header>;
  try {
    header = JSON.parse(
      new TextDecoder().decode(data.subarray(headerStart, headerStart + headerLength)),
    );
  } catch {
    bad("header is not JSON");
  }
  if (typeof header !== "object" || header === null) bad("header is not an object");
  let at = headerStart + pad8(headerLength);
  checkHeader(header);
  const h = header;
  // Copy into SharedArrayBuffers: worker threads then share them without a copy per tile.
  const take = (bytes: number): Uint8Array => {
    if (at + bytes > data.length) bad("truncated");
    const copy = new Uint8Array(new SharedArrayBuffer(bytes));
    copy.set(data.subarray(at, at + bytes));
    at += pad8(bytes);
    return copy;
  };
  const f64 = (count: number) => new Float64Array(take(count * 8).buffer);
  const u32 = (count: number) => new Uint32Array(take(count * 4).buffer);
  const pointsOf = (count: number, what: string): PointArrays => {
    const lat = f64(count);
    const lon = f64(count);
    for (let i = 0; i < count; i++) {
      if (!(Math.abs(lat[i]!) <= 90 && Math.abs(lon[i]!) <= 180)) bad(`${what} ${i} out of range`);
    }
    return { lat, lon };
  };
  const names = (count: number, size: number, what: string): NameBytes => {
    const offsets = u32(count + 1);
    const bytes = take(size);
    if (offsets[0] !== 0 || offsets[count] !== size) bad(`${what} name offsets`);
    for (let i = 0; i < count; i++) if (offsets[i]! > offsets[i + 1]!) bad(`${what} name offsets`);
    return { bytes, offsets };
  };
  const origins = pointsOf(h.n, "origin");
  const destinations = h.rect ? pointsOf(h.m, "destination") : undefined;
  let text: TextSpec | undefined;
  if (h.text) {
    const rowNames = names(h.text.names, h.text.rowBytes, "row");
    const colNames = h.text.colBytes >= 0 ? names(h.m, h.text.colBytes, "column") : undefined;
    text = {
      format: h.text.format,
      precision: h.text.precision ?? undefined,
      rowNames,
      colNames,
    };
  }
  const bounds = u32(h.tiles + 1);
  if (at !== data.length) bad("trailing bytes");
  const rows = rowCount(h.layout, h.n, h.m);
  if (h.tiles > 0 && (bounds[0] !== 0 || bounds[h.tiles] !== rows)) bad("tile plan");
  const tiles: Tile[] = [];
  for (let i = 0; i < h.tiles; i++) {
    const rowStart = bounds[i]!;
    const rowEnd = bounds[i + 1]!;
    if (rowEnd <= rowStart) bad("tile plan");
    const offset = rowOffset(h.layout, h.n, h.m, rowStart) + 0; // never -0
    const count = rowOffset(h.layout, h.n, h.m, rowEnd) - offset;
    tiles.push({ index: i, rowStart, rowEnd, offset, count });
  }
  const options: { metric?: (typeof METRICS)[number]; unit?: DistanceUnit; radius?: number } = {};
  if (h.metric !== null) options.metric = h.metric as (typeof METRICS)[number];
  if (h.unit !== null) options.unit = h.unit as DistanceUnit;
  if (h.radius !== null) options.radius = h.radius;
  return {
    job: { kernel: { layout: h.layout, origins, destinations, options }, dtype: h.dtype, text },
    tiles,
  };
}
