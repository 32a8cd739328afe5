// Tasks shared by every pool in the benchmark (plain JS, loaded by all four libraries).

/**
 * A tiny task: almost no work, so the pool's own overhead dominates.
 * @param {number} x
 */
export function tiny(x) {
  return x + 1;
}

/**
 * A CPU-bound chunk: haversine distances from one point to `n` pseudo-random points.
 * @param {number} seed
 */
export function cpu(seed) {
  const n = 40_000;
  const R = 6371.0088;
  const rad = Math.PI / 180;
  let s = seed >>> 0 || 1;
  let total = 0;
  const lat1 = 48.85 * rad;
  const lon1 = 2.35 * rad;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const lat2 = ((s / 4294967296) * 180 - 90) * rad;
    s = (s * 1664525 + 1013904223) >>> 0;
    const lon2 = ((s / 4294967296) * 360 - 180) * rad;
    const a =
      Math.sin((lat2 - lat1) / 2) ** 2 +
      Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
    total += 2 * R * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }
  return total;
}

/** Default export for pools that call the default when no name is given. */
export default tiny;

/** @param {number} seed */
export function cpuTimed(seed) {
  const t = performance.now();
  cpu(seed);
  return performance.now() - t;
}
