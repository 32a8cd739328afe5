import { ClusterError } from "./_errors.ts";
import type { DistanceArray, Tile, TileJob, TileResult } from "./_executors-bridge.ts";

const MAGIC = 0x31524d44; // "DMR1", little-endian
/** Bytes of a stored result's header, before the tile's bytes. */
export const RESULT_HEADER = 16;
const HEADER = RESULT_HEADER;
const KIND_F64 = 0;
const KIND_F32 = 1;
const KIND_TEXT = 2;

function kindOf(job: TileJob): number {
  return job.text ? KIND_TEXT : job.dtype === "float32" ? KIND_F32 : KIND_F64;
}

/**
 * Frames a finished tile for Redis in place: `framed` holds the tile's bytes after
 * {@link RESULT_HEADER} free bytes (as `computeTile(..., RESULT_HEADER)` returns them), and
 * gets the header: magic, tile index, kind, length. Values are little-endian (as every
 * platform Node runs on stores them), or formatted text.
 */
export function frameResult(job: TileJob, index: number, framed: Buffer): Buffer {
  framed.writeUInt32LE(MAGIC, 0);
  framed.writeUInt32LE(index, 4);
  framed.writeUInt32LE(kindOf(job), 8);
  framed.writeUInt32LE(framed.length - HEADER, 12);
  return framed;
}

/** A finished tile as stored in Redis: {@link frameResult} of a copy of `body`. */
export function encodeResult(job: TileJob, index: number, body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.set(body, HEADER);
  return frameResult(job, index, out);
}

function bad(tile: Tile, why: string): never {
  throw new ClusterError("BAD_JOB", `the stored result of tile ${tile.index} is malformed: ${why}`);
}

/**
 * Checks a stored tile against the plan and returns its bytes (a view of `data`): the
 * values, little-endian, or the text.
 */
export function resultBody(job: TileJob, tile: Tile, data: Buffer): Buffer {
  if (data.length < HEADER || data.readUInt32LE(0) !== MAGIC) bad(tile, "no header");
  if (data.readUInt32LE(4) !== tile.index) bad(tile, "it is another tile's");
  if (data.readUInt32LE(8) !== kindOf(job)) bad(tile, "wrong kind");
  const length = data.readUInt32LE(12);
  if (length !== data.length - HEADER) bad(tile, "wrong length");
  const size = job.dtype === "float32" ? 4 : 8;
  if (!job.text && length !== tile.count * size)
    bad(tile, `${length} bytes for ${tile.count} values`);
  return data.subarray(HEADER);
}

/** Reads a stored tile back into what an executor yields, checking it against the plan. */
export function decodeResult(job: TileJob, tile: Tile, data: Buffer): TileResult {
  const body = resultBody(job, tile, data);
  if (job.text) return { tile, bytes: body };
  // A view when the values are aligned; else a copy into an aligned array.
  const size = job.dtype === "float32" ? 4 : 8;
  const Array_ = job.dtype === "float32" ? Float32Array : Float64Array;
  const values: DistanceArray =
    body.byteOffset % size === 0
      ? new Array_(body.buffer as ArrayBuffer, body.byteOffset, tile.count)
      : new Array_(tile.count);
  if (values.buffer !== body.buffer) new Uint8Array(values.buffer).set(body);
  return { tile, values };
}
