// Deterministic points spread uniformly over the sphere (seeded), shared by the benchmarks.

/** @param {number} n @param {number} seed */
export function randomPoints(n, seed = 42) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = (Math.asin(2 * next() - 1) * 180) / Math.PI;
    lon[i] = next() * 360 - 180;
  }
  return { lat, lon };
}

/** Copies points onto SharedArrayBuffers (what a shared-memory executor hands its workers). */
export function sharedPoints({ lat, lon }) {
  const s = (a) => {
    const b = new Float64Array(new SharedArrayBuffer(a.byteLength));
    b.set(a);
    return b;
  };
  return { lat: s(lat), lon: s(lon) };
}
