import { mulberry32, type Random } from "@dmx/random";

/**
 * The mulberry32 generator, from `@dmx/random` (re-exported here so existing imports keep
 * working): a small, fast, seeded PRNG (32-bit state). The same seed gives the same sequence on
 * every runtime.
 */
export { mulberry32, type Random };

/** FNV-1a hash of a string, 32 bits. */
function fnv1a(text: string, hash = 0x811c9dc5): number {
  let h = hash >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A generator for one named stream of a seeded run: `seededRandom(7, "light")` always gives
 * the same numbers, whatever other devices draw and in whatever order they run. Devices use
 * one stream each, so a run with a given seed is reproducible even on the real clock.
 */
export function seededRandom(seed: number, stream: string): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${seed}`);
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mulberry32(fnv1a(stream, fnv1a(`${lo}:${hi}`)));
}
