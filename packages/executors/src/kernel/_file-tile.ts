import { writeSync } from "node:fs";
import type { Dtype } from "../output/_npy.ts";
import type { Tile } from "../plan/_layout.ts";
import type { DistanceArray } from "./_kernel.ts";
import { computeRows } from "./_kernel.ts";
import type { FileTarget, TileJob } from "./_tile-job.ts";
import { allocate } from "./_tile-job.ts";

let scratch: DistanceArray | undefined;

function scratchFor(dtype: Dtype, length: number): DistanceArray {
  const fits =
    scratch !== undefined &&
    scratch.length >= length &&
    (dtype === "float32") === scratch instanceof Float32Array;
  if (!fits) scratch = allocate(dtype, length);
  return scratch!;
}

/** Bytes per value of a dtype. */
export function itemSize(dtype: Dtype): number {
  return dtype === "float32" ? 4 : 8;
}

/**
 * Whether worker threads can write into a file opened by the main thread: in Node, where a
 * file descriptor is the process's. Not under Deno, whose descriptors are resource ids of
 * one isolate.
 */
export function fileTargetSupported(): boolean {
  const g = globalThis as { Deno?: unknown; process?: { versions?: { node?: string } } };
  return g.Deno === undefined && g.process?.versions?.node !== undefined;
}

/**
 * Whether this thread can write `job`'s tiles into `job.file` itself: binary output, a
 * file target, and the same process as the one that opened the file descriptor (not a
 * child process, where the number means another file or nothing).
 */
export function canWriteToFile(job: TileJob): job is TileJob & { readonly file: FileTarget } {
  const g = globalThis as { process?: { pid?: number } };
  return (
    job.file !== undefined &&
    job.text === undefined &&
    fileTargetSupported() &&
    g.process?.pid === job.file.pid
  );
}

/** Writes all of `bytes` at `position` of `fd` (positional writes; the file offset is untouched). */
export function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let at = 0;
  while (at < bytes.length) {
    at += writeSync(fd, bytes, at, bytes.length - at, position + at);
  }
}

/**
 * Computes one tile into a per-thread scratch array and writes its bytes straight to their
 * place in `job.file`: byte `start + tile.offset × itemsize`. Positional writes from several
 * threads never overlap (tiles are disjoint), so no ordering or locking is needed.
 */
export function writeTileToFile(job: TileJob & { readonly file: FileTarget }, tile: Tile): void {
  const array = scratchFor(job.dtype, tile.count);
  computeRows(job.kernel, tile.rowStart, tile.rowEnd, array, 0);
  const size = itemSize(job.dtype);
  const bytes = new Uint8Array(array.buffer, array.byteOffset, tile.count * size);
  writeFully(job.file.fd, bytes, job.file.start + tile.offset * size);
}
