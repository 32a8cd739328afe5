;; Chord-form haversine row kernel, WebAssembly SIMD (f64x2: two pairs per step).
;;
;; Points are unit vectors p = (cos φ cos λ, cos φ sin λ, sin φ) in three float64 arrays.
;; For the origin p_i and each destination p_j:
;;   d2 = |p_i − p_j|²  (chord², accurate for near points)
;;   e2 = |p_i + p_j|²  (chord² to the antipode, accurate for near-antipodal points)
;;   m  = min(d2, e2) ∈ [0, 2]: the half angle α of the shorter chord is asin(√m / 2) ≤ π/4
;;   2α = √m · P(m) / Q(m)  (rational fit of asin(√m/2)/(√m/2), rel. error < 7e-13)
;;   distance = R·2α, or π R − R·2α when the antipodal chord was the shorter one.
;; Built into src/_haversine-wasm.ts by scripts/build-wasm.ts (wabt); the coefficients come
;; from scripts/fit_asin.py.
(module
  (memory (export "memory") 1)
  ;; row(xi, yi, zi, x, y, z, count, out, r, pr): for k in [0, count) (rounded up to even),
  ;; out[k] = distance(p_i, (x[k], y[k], z[k])); x, y, z, out are byte addresses.
  ;; r = radius in output units, pr = π · r.
  (func (export "row")
    (param $xi f64) (param $yi f64) (param $zi f64)
    (param $x i32) (param $y i32) (param $z i32) (param $count i32) (param $out i32)
    (param $r f64) (param $pr f64)
    (local $XI v128) (local $YI v128) (local $ZI v128) (local $R v128) (local $PR v128)
    (local $a v128) (local $b v128) (local $c v128) (local $t v128)
    (local $d2 v128) (local $e2 v128) (local $m v128) (local $p v128) (local $q v128)
    (local $g v128) (local $far v128)
    (local $off i32) (local $end i32)
    (local.set $XI (f64x2.splat (local.get $xi)))
    (local.set $YI (f64x2.splat (local.get $yi)))
    (local.set $ZI (f64x2.splat (local.get $zi)))
    (local.set $R (f64x2.splat (local.get $r)))
    (local.set $PR (f64x2.splat (local.get $pr)))
    (local.set $end (i32.shl (local.get $count) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $a (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $b (v128.load (i32.add (local.get $y) (local.get $off))))
        (local.set $c (v128.load (i32.add (local.get $z) (local.get $off))))
        ;; d2 = |p_i − p_j|²
        (local.set $d2
          (f64x2.mul (local.tee $t (f64x2.sub (local.get $XI) (local.get $a))) (local.get $t)))
        (local.set $d2 (f64x2.add (local.get $d2)
          (f64x2.mul (local.tee $t (f64x2.sub (local.get $YI) (local.get $b))) (local.get $t))))
        (local.set $d2 (f64x2.add (local.get $d2)
          (f64x2.mul (local.tee $t (f64x2.sub (local.get $ZI) (local.get $c))) (local.get $t))))
        ;; e2 = |p_i + p_j|²
        (local.set $e2
          (f64x2.mul (local.tee $t (f64x2.add (local.get $XI) (local.get $a))) (local.get $t)))
        (local.set $e2 (f64x2.add (local.get $e2)
          (f64x2.mul (local.tee $t (f64x2.add (local.get $YI) (local.get $b))) (local.get $t))))
        (local.set $e2 (f64x2.add (local.get $e2)
          (f64x2.mul (local.tee $t (f64x2.add (local.get $ZI) (local.get $c))) (local.get $t))))
        (local.set $far (f64x2.gt (local.get $d2) (local.get $e2)))
        (local.set $m (f64x2.pmin (local.get $d2) (local.get $e2)))
        ;; P(m), Q(m) by Horner
        (local.set $p (f64x2.add (v128.const f64x2 -0.004058157265921165 -0.004058157265921165)
          (f64x2.mul (local.get $m) (v128.const f64x2 3.9417921829886505e-05 3.9417921829886505e-05))))
        (local.set $p (f64x2.add (v128.const f64x2 0.07722777770670472 0.07722777770670472)
          (f64x2.mul (local.get $m) (local.get $p))))
        (local.set $p (f64x2.add (v128.const f64x2 -0.49215675516516055 -0.49215675516516055)
          (f64x2.mul (local.get $m) (local.get $p))))
        (local.set $p (f64x2.add (v128.const f64x2 1.0000000000006735 1.0000000000006735)
          (f64x2.mul (local.get $m) (local.get $p))))
        (local.set $q (f64x2.add (v128.const f64x2 -0.00620269137385087 -0.00620269137385087)
          (f64x2.mul (local.get $m) (v128.const f64x2 0.00010725168483447485 0.00010725168483447485))))
        (local.set $q (f64x2.add (v128.const f64x2 0.09478291987503189 0.09478291987503189)
          (f64x2.mul (local.get $m) (local.get $q))))
        (local.set $q (f64x2.add (v128.const f64x2 -0.5338234217915047 -0.5338234217915047)
          (f64x2.mul (local.get $m) (local.get $q))))
        (local.set $q (f64x2.add (v128.const f64x2 1 1)
          (f64x2.mul (local.get $m) (local.get $q))))
        ;; g = R · √m · P / Q ; far lanes: π R − g
        (local.set $g (f64x2.div
          (f64x2.mul (f64x2.mul (local.get $R) (f64x2.sqrt (local.get $m))) (local.get $p))
          (local.get $q)))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (v128.bitselect (f64x2.sub (local.get $PR) (local.get $g)) (local.get $g) (local.get $far)))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $next)))))
