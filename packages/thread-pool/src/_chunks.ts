import { intOption } from "./_options.ts";

/** `map`'s chunk size: the caller's, or about 8 chunks per worker. */
export function chunkSizeFor(items: number, workers: number, requested: unknown): number {
  const auto = Math.max(1, Math.ceil(items / (workers * 8)));
  return intOption("map: options.chunkSize", requested, auto, 1);
}

/** Number of chunks of `size` items needed for `items` items. */
export function chunkCount(items: number, size: number): number {
  return Math.ceil(items / size);
}

/** Concatenates per-chunk results into one array of `total` results. */
export function joinChunks<R>(parts: readonly R[][], total: number): R[] {
  const out = new Array<R>(total);
  let k = 0;
  for (const part of parts) for (let i = 0; i < part.length; i++) out[k++] = part[i]!;
  return out;
}
