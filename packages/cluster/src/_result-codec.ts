import { ClusterError } from "./_errors.ts";
import type { DistanceArray, Tile, TileJob, TileResult } from "./_executors-bridge.ts";

const MAGIC = 0x31524d44; // "DMR1", little-endian
const HEADER = 16;
const KIND_F64 = 0;
const KIND_F32 = 1;
const KIND_TEXT = 2;

function kindOf(job: TileJob): number {
  return job.text ? KIND_TEXT : job.dtype === "float32" ? KIND_F32 : KIND_F64;
}

/**
 * A finished tile as stored in Redis: a 16-byte header (magic, tile index, kind, length)
 * and the tile's bytes, values in little-endian order (as every platform Node runs on
 * stores them) or formatted text.
 */
export function encodeResult(job: TileJob, index: number, body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(index, 4);
  out.writeUInt32LE(kindOf(job), 8);
  out.writeUInt32LE(body.length, 12);
  out.set(body, HEADER);
  return out;
}

function bad(tile: Tile, why: string): never {
  throw new ClusterError("BAD_JOB", `the stored result of tile ${tile.index} is malformed: ${why}`);
}

/** Reads a stored tile back into what an executor yields, checking it against the plan. */
export function decodeResult(job: TileJob, tile: Tile, data: Buffer): TileResult {
  if (data.length < HEADER || data.readUInt32LE(0) !== MAGIC) bad(tile, "no header");
  if (data.readUInt32LE(4) !== tile.index) bad(tile, "it is another tile's");
  if (data.readUInt32LE(8) !== kindOf(job)) bad(tile, "wrong kind");
  const length = data.readUInt32LE(12);
  if (length !== data.length - HEADER) bad(tile, "wrong length");
  const body = data.subarray(HEADER);
  if (job.text) return { tile, bytes: body };
  const size = job.dtype === "float32" ? 4 : 8;
  if (length !== tile.count * size) bad(tile, `${length} bytes for ${tile.count} values`);
  // Copy into an aligned array (a Buffer may start at any byte).
  const values: DistanceArray =
    job.dtype === "float32" ? new Float32Array(tile.count) : new Float64Array(tile.count);
  new Uint8Array(values.buffer).set(body);
  return { tile, values };
}
