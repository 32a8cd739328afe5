// Writes the WebAssembly text of the chord-haversine row kernel (wasm/haversine.wat). The
// main loop handles LANES vectors (2·LANES pairs) per step, written out lane by lane, which is
// tedious by hand and easy here; the constants come from src/_haversine-js.ts, the one copy.
// Used by scripts/wasm.ts (pnpm build:wasm) and test/wasm.test.ts (which checks the committed .wat matches).
import { ASIN_P, ASIN_Q, NEAR_ANTIPODE } from "../src/_haversine-js.ts";

/**
 * Independent vectors per main-loop step. Four measured fastest on x64 V8 (Node 20): against
 * the previous two-vector kernel, 3.5-3.7 vs 4.5-5.3 ns per pair, interleaved runs; six
 * spill registers.
 */
export const LANES = 4;

const f64 = (v: number) => String(v);
const constant = (v: number) => `(v128.const f64x2 ${f64(v)} ${f64(v)})`;

/** The loop body for vectors `lanes` at byte offsets $o, $o + 16, …: named locals per lane. */
function body(lanes: readonly string[], pad: string): string[] {
  const offset = (k: number) => (k === 0 ? "" : ` offset=${16 * k}`);
  const get = (name: string, l: string) => `(local.get $${name}${l})`;
  const each = (f: (l: string, k: number) => string) => lanes.map((l, k) => pad + f(l, k));
  const sq = (e: string) => `(f64x2.mul ${e} ${e})`;
  const sum3 = (a: string, b: string, c: string) => `(f64x2.add (f64x2.add ${a} ${b}) ${c})`;
  const lines: string[] = [];
  lines.push(`${pad};; load destination coordinates`);
  for (const [name, base] of [
    ["x", "x"],
    ["y", "y"],
    ["z", "z"],
  ] as const) {
    lines.push(
      ...each(
        (l, k) =>
          `(local.set $${name}${l} (v128.load${offset(k)} (i32.add (local.get $${base}) (local.get $o))))`,
      ),
    );
  }
  lines.push(`${pad};; d2 = |p_i − p_j|², e2 = 4 − d2`);
  lines.push(
    ...each(
      (l) =>
        `(local.set $d2${l} ${sum3(
          sq(`(f64x2.sub (local.get $XI) ${get("x", l)})`),
          sq(`(f64x2.sub (local.get $YI) ${get("y", l)})`),
          sq(`(f64x2.sub (local.get $ZI) ${get("z", l)})`),
        )})`,
    ),
  );
  lines.push(...each((l) => `(local.set $e2${l} (f64x2.sub (local.get $FOUR) ${get("d2", l)}))`));
  lines.push(`${pad};; near antipodes (rare) sum e2 = |p_i + p_j|² instead, lane by lane`);
  const low = (l: string) => `(f64x2.lt ${get("e2", l)} (local.get $NEAR))`;
  const anyLow = lanes.map(low).reduce((a, b) => `(v128.or ${a} ${b})`);
  lines.push(`${pad}(if (v128.any_true ${anyLow}) (then`);
  for (const l of lanes) {
    const exact = sum3(
      sq(`(f64x2.add (local.get $XI) ${get("x", l)})`),
      sq(`(f64x2.add (local.get $YI) ${get("y", l)})`),
      sq(`(f64x2.add (local.get $ZI) ${get("z", l)})`),
    );
    lines.push(`${pad}  (local.set $e2${l} (v128.bitselect ${exact} ${get("e2", l)} ${low(l)}))`);
  }
  lines.push(`${pad}))`);
  lines.push(`${pad};; m = the shorter chord²; far = the antipodal one is shorter`);
  lines.push(...each((l) => `(local.set $far${l} (f64x2.gt ${get("d2", l)} ${get("e2", l)}))`));
  lines.push(...each((l) => `(local.set $m${l} (f64x2.pmin ${get("d2", l)} ${get("e2", l)}))`));
  lines.push(`${pad};; p = R·P(m), q = Q(m) (Horner; Q monic)`);
  lines.push(
    ...each(
      (l) =>
        `(local.set $p${l} (f64x2.add (local.get $P3) (f64x2.mul ${get("m", l)} (local.get $P4))))`,
    ),
  );
  lines.push(...each((l) => `(local.set $q${l} (f64x2.add (local.get $Q3) ${get("m", l)}))`));
  for (const k of [2, 1, 0]) {
    lines.push(
      ...each(
        (l) =>
          `(local.set $p${l} (f64x2.add (local.get $P${k}) (f64x2.mul ${get("m", l)} ${get("p", l)})))`,
      ),
    );
    lines.push(
      ...each(
        (l) =>
          `(local.set $q${l} (f64x2.add (local.get $Q${k}) (f64x2.mul ${get("m", l)} ${get("q", l)})))`,
      ),
    );
  }
  lines.push(`${pad};; g = R·2α = √m · p / q; store π R − g where the antipodal chord was used`);
  lines.push(
    ...each(
      (l) =>
        `(local.set $g${l} (f64x2.div (f64x2.mul (f64x2.sqrt ${get("m", l)}) ${get("p", l)}) ${get("q", l)}))`,
    ),
  );
  lines.push(
    ...each(
      (l, k) =>
        `(v128.store${offset(k)} (i32.add (local.get $out) (local.get $o)) (v128.bitselect (f64x2.sub (local.get $PR) ${get("g", l)}) ${get("g", l)} ${get("far", l)}))`,
    ),
  );
  return lines;
}

/** The whole module text. */
export function haversineWat(): string {
  const main = ["A", "B", "C", "D", "E", "F", "G", "H"].slice(0, LANES);
  const perLane = ["x", "y", "z", "d2", "e2", "far", "m", "p", "q", "g"];
  const locals = [...main, "T"].map((l) => perLane.map((n) => `(local $${n}${l} v128)`).join(" "));
  const constants: [string, string][] = [
    ["XI", "(f64x2.splat (local.get $xi))"],
    ["YI", "(f64x2.splat (local.get $yi))"],
    ["ZI", "(f64x2.splat (local.get $zi))"],
    ["PR", "(f64x2.splat (local.get $pr))"],
    ["FOUR", constant(4)],
    ["NEAR", constant(NEAR_ANTIPODE)],
    ...ASIN_P.map((v, k): [string, string] => [
      `P${k}`,
      `(f64x2.splat (f64.mul (local.get $r) (f64.const ${f64(v)})))`,
    ]),
    ...ASIN_Q.map((v, k): [string, string] => [`Q${k}`, constant(v)]),
  ];
  return `;; Chord-form haversine row kernel, WebAssembly SIMD (f64x2: two pairs per vector).
;; GENERATED by scripts/haversine-wat.ts (pnpm --filter @dmx/geo build:wasm): edit that, not this.
;;
;; Points are unit vectors p = (cos φ cos λ, cos φ sin λ, sin φ) in three float64 arrays.
;; For the origin p_i and each destination p_j:
;;   d2 = |p_i − p_j|²  (chord², accurate for near points)
;;   e2 = |p_i + p_j|² = 4 − d2  (chord² to the antipode; summed from the vectors when below
;;        ${NEAR_ANTIPODE}, where 4 − d2 would lose digits)
;;   m  = min(d2, e2) ∈ [0, 2]: the half angle α of the shorter chord is asin(√m / 2) ≤ π/4
;;   R·2α = √m · R·P(m) / Q(m)  (rational fit of asin(√m/2)/(√m/2), rel. error < 7e-13; Q monic)
;;   distance = R·2α, or π R − R·2α when the antipodal chord was the shorter one.
;; The main loop handles ${LANES} vectors per step, so their long dependency chains overlap; a
;; second loop handles the last vectors one at a time. Constants live in locals set once.
;; The same arithmetic, pair by pair, is src/_haversine-js.ts (the fallback without SIMD).
(module
  (memory (export "memory") 1)
  ;; row(xi, yi, zi, x, y, z, count, out, r, pr): for k in [0, count) rounded up to even,
  ;; out[k] = distance(p_i, (x[k], y[k], z[k])); x, y, z, out are byte addresses.
  ;; r = radius in output units, pr = π · r.
  (func (export "row")
    (param $xi f64) (param $yi f64) (param $zi f64)
    (param $x i32) (param $y i32) (param $z i32) (param $count i32) (param $out i32)
    (param $r f64) (param $pr f64)
    ${constants.map(([n]) => `(local $${n} v128)`).join(" ")}
    ${locals.join("\n    ")}
    (local $o i32) (local $end i32)
${constants.map(([n, e]) => `    (local.set $${n} ${e})`).join("\n")}
    (local.set $end (i32.shl (local.get $count) (i32.const 3)))
    ;; ${2 * LANES} destinations per step while that many remain
    (block $doneMain
      (loop $nextMain
        (br_if $doneMain (i32.gt_s (i32.add (local.get $o) (i32.const ${16 * LANES})) (local.get $end)))
${body(main, "        ").join("\n")}
        (local.set $o (i32.add (local.get $o) (i32.const ${16 * LANES})))
        (br $nextMain)))
    ;; then two at a time (the last vector may be half used)
    (block $doneTail
      (loop $nextTail
        (br_if $doneTail (i32.ge_s (local.get $o) (local.get $end)))
${body(["T"], "        ").join("\n")}
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $nextTail)))))
`;
}
