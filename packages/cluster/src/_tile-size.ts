import type { OutputFormat } from "./_executors-bridge.ts";

/**
 * Nanoseconds per distance on one core of the development machine (2 cores, Node 20),
 * measured with `dmx compute`: Karney's geodesic ~1.7 µs, the spherical metrics a few ns.
 */
export const NS_PER_VALUE: Readonly<Record<string, number>> = {
  geodesic: 1700,
  haversine: 4,
  equirectangular: 3,
};
/** Extra nanoseconds per value to format it as text. */
export const TEXT_NS_PER_VALUE = 30;
/** Seconds of one-core work a tile aims at (the 0.5–2 s band, at its low end). */
export const TILE_SECONDS = 0.5;
/** Largest tile in bytes: what Redis holds per tile in flight. */
export const MAX_TILE_BYTES = 4 << 20;
/** Smallest tile in values (below, per-job overhead dominates). */
export const MIN_TILE_VALUES = 4096;

/**
 * Tiles a run gets at least (for inputs large enough): the last tiles of a run keep some
 * workers busy while the others idle, so they must be short against the whole run.
 */
export const MIN_TILES = 32;

/** What a tile size depends on. */
export interface TileSizeInput {
  /** Distances of the whole run (an upper bound will do); none: no {@link MIN_TILES} rule. */
  readonly values?: number | undefined;
  readonly metric?: string | undefined;
  readonly format?: OutputFormat | undefined;
  readonly dtype?: "float64" | "float32" | undefined;
}

/** Bytes one value takes in the output (text: a typical pairs row or number). */
export function bytesPerValue(input: TileSizeInput): number {
  const format = input.format ?? "pairs";
  if (format === "npy") return input.dtype === "float32" ? 4 : 8;
  return format === "pairs" ? 32 : 20;
}

/**
 * Values per cluster tile: about {@link TILE_SECONDS} of one core's work for the metric, but
 * never more than {@link MAX_TILE_BYTES} of output (so the spherical metrics, which compute
 * far faster than Redis moves bytes, get tiles sized by bytes), nor so many values that
 * the run has fewer than about {@link MIN_TILES} tiles, nor fewer than
 * {@link MIN_TILE_VALUES}. Deterministic, so `--resume` plans the same tiles again.
 */
export function clusterTileValues(input: TileSizeInput): number {
  const text = (input.format ?? "pairs") !== "npy";
  const ns = (NS_PER_VALUE[input.metric ?? "haversine"] ?? 4) + (text ? TEXT_NS_PER_VALUE : 0);
  const byTime = Math.floor((TILE_SECONDS * 1e9) / ns);
  const byBytes = Math.floor(MAX_TILE_BYTES / bytesPerValue(input));
  const byCount = input.values === undefined ? Infinity : Math.ceil(input.values / MIN_TILES);
  return Math.max(MIN_TILE_VALUES, Math.min(byTime, byBytes, byCount));
}
