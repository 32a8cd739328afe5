/**
 * The fast haversine row in plain JavaScript: the same arithmetic as wasm/haversine.wat, one
 * pair at a time, for runtimes without WebAssembly SIMD (see `_fast-haversine.ts`).
 * @internal
 */

// 2·asin(√m / 2) ≈ √m · P(m) / Q(m) on m ∈ [0, 2], Q(m) = 1 + Q1 m + …; from
// scripts/fit_asin.py, identical to the constants in wasm/haversine.wat (test/wasm.test.ts).
const P0 = 1.0000000000006735;
const P1 = -0.49215675516516055;
const P2 = 0.07722777770670472;
const P3 = -0.004058157265921165;
const P4 = 3.9417921829886505e-5;
const Q1 = -0.5338234217915047;
const Q2 = 0.09478291987503189;
const Q3 = -0.00620269137385087;
const Q4 = 0.00010725168483447485;

/**
 * Distances from unit vector (xi, yi, zi) to the prepared points `[jStart, jEnd)` stored as
 * x at `v[0..]`, y at `v[s..]`, z at `v[2s..]`; `r` = radius in output units, `pr` = π r.
 * Writes `out` from `o` and returns the next offset.
 */
export function jsRow(
  v: Float64Array,
  s: number,
  xi: number,
  yi: number,
  zi: number,
  jStart: number,
  jEnd: number,
  r: number,
  pr: number,
  out: Float64Array | Float32Array,
  o: number,
): number {
  for (let j = jStart; j < jEnd; j++) {
    const xj = v[j]!;
    const yj = v[s + j]!;
    const zj = v[2 * s + j]!;
    const dx = xi - xj;
    const dy = yi - yj;
    const dz = zi - zj;
    const sx = xi + xj;
    const sy = yi + yj;
    const sz = zi + zj;
    const d2 = dx * dx + dy * dy + dz * dz;
    const e2 = sx * sx + sy * sy + sz * sz;
    const m = Math.min(d2, e2);
    const p = P0 + m * (P1 + m * (P2 + m * (P3 + m * P4)));
    const q = 1 + m * (Q1 + m * (Q2 + m * (Q3 + m * Q4)));
    const g = (r * Math.sqrt(m) * p) / q;
    out[o++] = d2 > e2 ? pr - g : g;
  }
  return o;
}
