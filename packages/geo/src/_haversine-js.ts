/**
 * The fast haversine row in plain JavaScript: the same arithmetic as wasm/haversine.wat, one
 * pair at a time, for runtimes without WebAssembly SIMD (see `_fast-haversine.ts`). The
 * constants here are the only copy: scripts/haversine-wat.ts writes them into the .wat.
 * @internal
 */

/**
 * 2·asin(√m / 2) ≈ √m · P(m) / Q(m) on m ∈ [0, 2]: the numerator P (degree 4, constant term
 * first) and the monic denominator Q (m⁴ + Q[3] m³ + …; the leading 1 is implicit), from
 * scripts/fit_asin.py. Monic Q saves one multiplication per pair; the kernels multiply P by
 * the radius once per row, which saves another.
 */
export const ASIN_P = [
  9323.862851609345, -4588.802086649946, 720.0612076714036, -37.83770177768542, 0.3675272970370723,
] as const;
/** See {@link ASIN_P}. */
export const ASIN_Q = [
  9323.862851603066, -4977.296371757445, 883.7429455892798, -57.83304368060691,
] as const;

/**
 * Below this antipodal chord² e2 = |p_i + p_j|², e2 is summed from the vectors instead of
 * taken as 4 − d2: there 4 − d2 loses digits (its absolute error ~1e-15 becomes a relative
 * error of ~1e-15/√e2 in the distance). At 1e-3 the cheap form is good to ~1e-14; random
 * pairs need the slow form about once in 4,000.
 */
export const NEAR_ANTIPODE = 1e-3;

const [P0, P1, P2, P3, P4] = ASIN_P;
const [Q0, Q1, Q2, Q3] = ASIN_Q;

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
  const p0 = r * P0;
  const p1 = r * P1;
  const p2 = r * P2;
  const p3 = r * P3;
  const p4 = r * P4;
  for (let j = jStart; j < jEnd; j++) {
    const xj = v[j]!;
    const yj = v[s + j]!;
    const zj = v[2 * s + j]!;
    const dx = xi - xj;
    const dy = yi - yj;
    const dz = zi - zj;
    const d2 = dx * dx + dy * dy + dz * dz;
    let e2 = 4 - d2;
    if (e2 < NEAR_ANTIPODE) {
      const sx = xi + xj;
      const sy = yi + yj;
      const sz = zi + zj;
      e2 = sx * sx + sy * sy + sz * sz;
    }
    const m = Math.min(d2, e2);
    const p = p0 + m * (p1 + m * (p2 + m * (p3 + m * p4)));
    const q = Q0 + m * (Q1 + m * (Q2 + m * (Q3 + m)));
    const g = (Math.sqrt(m) * p) / q;
    out[o++] = d2 > e2 ? pr - g : g;
  }
  return o;
}
