;; Distances to text: the shortest decimal that reads back as the same double (the digits
;; of JavaScript's String(x)), written with the names of the pairs CSV rows, in one pass.
;; Assembled into src/text/_text-wasm-bytes.ts by `pnpm build:wasm` (scripts/wasm.ts); driven by src/text/_text-wasm.ts.
;;
;; Memory, filled by the JavaScript side before the first call: the tables POW10, POW10_HI,
;; POW10_LO, TENS, DIGITS4, POW10_U64, the SCRATCH digits of one number, then from HEAP the
;; caller's values, names and output, at the addresses in the globals below. The addresses
;; are written once, in src/text/_text-wasm-layout.ts; scripts/assemble.ts puts them into the
;; double-brace markers here (e.g. offset={{ DIGITS4 }}, written without the spaces).
;;
;; Numbers are written by $shortest. For 1 <= x < 10^7 (nearly every distance in km) it works
;; in exact integers: x · 10^s as a 128-bit product, so whether 15, 16 or 17 digits read back
;; is decided exactly, and the digits are put together in registers. Elsewhere it uses a
;; float64 (Dekker) product. It returns -1 for what it does not handle (NaN, infinities,
;; |x| < 1e-6 or >= 1e15; a power of two, whose neighbours are not equally far; a candidate
;; exactly half an ulp away or an exact tie; outside [1, 10^7) also a value within 1e-9
;; (relative) of a rounding boundary): the loops then stop with the state below pointing at that number,
;; the caller writes String(x) at $pos and calls the loop's `*_after` function, and calls the
;; loop again. Every loop keeps its state in the globals, so it can stop and resume anywhere.
(module
  (memory (export "memory") 2)
  (global $values (export "values") (mut i32) (i32.const 0)) ;; f64 values
  (global $rowBytes (export "rowBytes") (mut i32) (i32.const 0)) ;; row names, back to back
  (global $rowOffsets (export "rowOffsets") (mut i32) (i32.const 0)) ;; u32, n + 1 of them
  (global $colBytes (export "colBytes") (mut i32) (i32.const 0))
  (global $colOffsets (export "colOffsets") (mut i32) (i32.const 0))
  (global $pos (export "pos") (mut i32) (i32.const 0)) ;; next output byte
  (global $k (export "k") (mut i32) (i32.const 0)) ;; next value index
  (global $row (export "row") (mut i32) (i32.const 0)) ;; lower: j; rect: origin i
  (global $col (export "col") (mut i32) (i32.const 0)) ;; lower: i; rect: destination j

  ;; Copies [from, to) to dst in 8-byte words (may write up to 7 bytes past dst + len and
  ;; read up to 7 past `to`: the caller keeps slack after both); returns dst + len.
  (func $copy (param $dst i32) (param $from i32) (param $to i32) (result i32)
    (local $d i32)
    (local.set $d (local.get $dst))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (i64.store (local.get $d) (i64.load (local.get $from)))
        (local.set $d (i32.add (local.get $d) (i32.const 8)))
        (local.set $from (i32.add (local.get $from) (i32.const 8)))
        (br $next)))
    (i32.sub (local.get $d) (i32.sub (local.get $from) (local.get $to))))

  ;; Copies the name at [from, from + len) to p and returns p + len: names of up to 16 bytes
  ;; (the usual) as two 8-byte words with no loop, longer ones by $copy (same slack rules).
  ;; Nothing calls it: it is where the `name` region lives (the row loops inline it, see
  ;; scripts/assemble.ts), and it keeps that region assembled and validated on its own.
  (func $name (param $p i32) (param $from i32) (param $len i32) (result i32)
    ;; @define name
    (if (result i32) (i32.le_u (local.get $len) (i32.const 16))
      (then
        (i64.store (local.get $p) (i64.load (local.get $from)))
        (i64.store offset=8 (local.get $p) (i64.load offset=8 (local.get $from)))
        (i32.add (local.get $p) (local.get $len)))
      (else (call $copy (local.get $p) (local.get $from) (i32.add (local.get $from) (local.get $len)))))
    ;; @end name
    )

  ;; Writes the 17 digits of w (10^16 <= w < 10^17) at p .. p + 16.
  (func $digits17 (param $w i64) (param $p i32)
    (local $top i32) (local $low i32) (local $q i32)
    (local.set $top (i32.wrap_i64 (i64.div_u (local.get $w) (i64.const 1000000000))))
    (local.set $low (i32.wrap_i64 (i64.sub (local.get $w)
      (i64.mul (i64.extend_i32_u (local.get $top)) (i64.const 1000000000)))))
    (local.set $q (i32.div_u (local.get $top) (i32.const 10000)))
    (i32.store (local.get $p) (i32.load offset={{DIGITS4}} (i32.shl (local.get $q) (i32.const 2))))
    (i32.store offset=4 (local.get $p) (i32.load offset={{DIGITS4}} (i32.shl
      (i32.sub (local.get $top) (i32.mul (local.get $q) (i32.const 10000))) (i32.const 2))))
    (local.set $q (i32.div_u (local.get $low) (i32.const 100000)))
    (i32.store offset=8 (local.get $p) (i32.load offset={{DIGITS4}} (i32.shl (local.get $q) (i32.const 2))))
    (local.set $low (i32.sub (local.get $low) (i32.mul (local.get $q) (i32.const 100000))))
    (local.set $q (i32.div_u (local.get $low) (i32.const 10)))
    (i32.store offset=12 (local.get $p) (i32.load offset={{DIGITS4}} (i32.shl (local.get $q) (i32.const 2))))
    (i32.store8 offset=16 (local.get $p)
      (i32.add (i32.const 48) (i32.sub (local.get $low) (i32.mul (local.get $q) (i32.const 10))))))

  ;; Writes String(x) at p and returns the end, or -1 (see the header).
  ;; x · 10^k = ph + pl exactly (Dekker's product); W = ph + round(pl) holds 17 digits and
  ;; f = pl - round(pl) the rest. The 15- and 16-digit roundings of W + f read back as x iff
  ;; they are closer to it than half an ulp of x (scaled by 10^k): the shortest that does wins.
  (func $shortest (param $x f64) (param $p i32) (result i32)
    (local $e2 i32) (local $e10 i32) (local $k i32) (local $b f64) (local $ph f64)
    (local $pl f64) (local $xh f64) (local $xl f64) (local $bh f64) (local $bl f64)
    (local $sx f64) (local $step f64) (local $f f64) (local $w i64) (local $h f64)
    (local $r i32) (local $t f64) (local $d f64) (local $r100 i32) (local $t100 f64) (local $d100 f64) (local $point i32) (local $end i32)
    (local $a i32) (local $c i32) (local $count i32) (local $i i32)
    (local $bits i64) (local $M i64) (local $P i64) (local $m0 i64) (local $m1 i64) (local $p0 i64) (local $p1 i64) (local $lo i64) (local $hi i64) (local $mid i64)
    (local $W i64) (local $unit i64) (local $rem i64) (local $H i64) (local $down10 i64) (local $up10 i64) (local $down100 i64) (local $up100 i64) (local $ok16 i32) (local $ok15 i32) (local $adj i32)
    (local $top i32) (local $low i32) (local $q i32) (local $q2 i32) (local $A i64) (local $B i64) (local $C i64)
    (local $B1 i64) (local $C1 i64) (local $sh i64) (local $mask i64) (local $z i64)
    (if (f64.eq (local.get $x) (f64.const 0))
      (then
        (i32.store8 (local.get $p) (i32.const 48))
        (return (i32.add (local.get $p) (i32.const 1)))))
    (if (f64.lt (local.get $x) (f64.const 0))
      (then
        (i32.store8 (local.get $p) (i32.const 45))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $x (f64.neg (local.get $x)))))
    ;; @define fast
    ;; 1 <= x < 10^7 (nearly every distance): exact integer arithmetic, no branch on the
    ;; digits. x = M · 2^-sh; F = M · 10^s (128 bits) = x · 10^(16 + s - 16) scaled so that
    ;; W = F >> sh has 17 digits and rem = F mod 2^sh is what is left below W, in units where
    ;; half an ulp of x is exactly 10^s / 2.
    (if (i32.and (f64.ge (local.get $x) (f64.const 1)) (f64.lt (local.get $x) (f64.const 1e7)))
      (then
        (local.set $bits (i64.reinterpret_f64 (local.get $x)))
        (local.set $e2 (i32.sub (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 1023)))
        (local.set $e10 (i32.shr_s (i32.mul (local.get $e2) (i32.const 78913)) (i32.const 18)))
        (local.set $e10 (i32.add (local.get $e10) (f64.ge (local.get $x)
          (f64.load offset={{TENS}} (i32.shl (i32.add (local.get $e10) (i32.const 9)) (i32.const 3))))))
        (local.set $M (i64.or (i64.and (local.get $bits) (i64.const 0xFFFFFFFFFFFFF)) (i64.const 0x10000000000000)))
        (local.set $P (i64.load offset={{POW10_U64}} (i32.shl (i32.sub (i32.const 16) (local.get $e10)) (i32.const 3))))
        (local.set $m0 (i64.and (local.get $M) (i64.const 0xFFFFFFFF)))
        (local.set $m1 (i64.shr_u (local.get $M) (i64.const 32)))
        (local.set $p0 (i64.and (local.get $P) (i64.const 0xFFFFFFFF)))
        (local.set $p1 (i64.shr_u (local.get $P) (i64.const 32)))
        (local.set $lo (i64.mul (local.get $m0) (local.get $p0)))
        (local.set $mid (i64.add (i64.add (i64.mul (local.get $m1) (local.get $p0)) (i64.mul (local.get $m0) (local.get $p1)))
          (i64.shr_u (local.get $lo) (i64.const 32))))
        (local.set $lo (i64.or (i64.shl (local.get $mid) (i64.const 32)) (i64.and (local.get $lo) (i64.const 0xFFFFFFFF))))
        (local.set $hi (i64.add (i64.mul (local.get $m1) (local.get $p1)) (i64.shr_u (local.get $mid) (i64.const 32))))
        (local.set $sh (i64.extend_i32_u (i32.sub (i32.const 52) (local.get $e2))))
        (local.set $W (i64.or (i64.shl (local.get $hi) (i64.sub (i64.const 64) (local.get $sh)))
          (i64.shr_u (local.get $lo) (local.get $sh))))
        (local.set $unit (i64.shl (i64.const 1) (local.get $sh)))
        (local.set $rem (i64.and (local.get $lo) (i64.sub (local.get $unit) (i64.const 1))))
        (local.set $H (i64.shr_u (local.get $P) (i64.const 1)))
        (local.set $top (i32.wrap_i64 (i64.div_u (local.get $W) (i64.const 1000000000))))
        (local.set $low (i32.wrap_i64 (i64.sub (local.get $W)
          (i64.mul (i64.extend_i32_u (local.get $top)) (i64.const 1000000000)))))
        (local.set $r100 (i32.rem_u (local.get $low) (i32.const 100)))
        (local.set $r (i32.rem_u (local.get $r100) (i32.const 10)))
        ;; distances from x to the multiples of 10 and 100 below and above W + rem
        (local.set $down10 (i64.add (i64.mul (i64.extend_i32_u (local.get $r)) (local.get $unit)) (local.get $rem)))
        (local.set $up10 (i64.sub (i64.mul (i64.const 10) (local.get $unit)) (local.get $down10)))
        (local.set $down100 (i64.add (i64.mul (i64.extend_i32_u (local.get $r100)) (local.get $unit)) (local.get $rem)))
        (local.set $up100 (i64.sub (i64.mul (i64.const 100) (local.get $unit)) (local.get $down100)))
        (local.set $ok16 (i32.or (i64.lt_u (local.get $down10) (local.get $H)) (i64.lt_u (local.get $up10) (local.get $H))))
        (local.set $ok15 (i32.or (i64.lt_u (local.get $down100) (local.get $H)) (i64.lt_u (local.get $up100) (local.get $H))))
        ;; what String(x) decides by rules of its own (all rare): x a power of two (its
        ;; neighbours are not equally far), a candidate exactly half an ulp away, two
        ;; nearest 16-digit candidates, a 17-digit tie
        (if (i32.or
              (i32.or (i64.eq (local.get $M) (i64.const 0x10000000000000))
                      (i64.eq (i64.shl (local.get $rem) (i64.const 1)) (local.get $unit)))
              (i32.or
                (i32.or (i64.eq (local.get $down10) (local.get $H)) (i64.eq (local.get $up10) (local.get $H)))
                (i32.or (i32.or (i64.eq (local.get $down100) (local.get $H)) (i64.eq (local.get $up100) (local.get $H)))
                        (i32.and (local.get $ok16) (i64.eq (local.get $down10) (local.get $up10))))))
          (then (return (i32.const -1))))
        ;; 15 digits if one reads back, else the nearer 16-digit one, else the nearest 17
        (local.set $adj (select
          (select (i32.sub (i32.const 0) (local.get $r100)) (i32.sub (i32.const 100) (local.get $r100))
            (i64.lt_u (local.get $down100) (local.get $H)))
          (select
            (select (i32.sub (i32.const 0) (local.get $r)) (i32.sub (i32.const 10) (local.get $r))
              (i64.lt_u (local.get $down10) (local.get $up10)))
            (i64.gt_u (i64.shl (local.get $rem) (i64.const 1)) (local.get $unit))
            (local.get $ok16))
          (local.get $ok15)))
        (local.set $low (i32.add (local.get $low) (local.get $adj)))
        (local.set $a (i32.ge_s (local.get $low) (i32.const 1000000000)))
        (local.set $top (i32.add (local.get $top) (local.get $a)))
        (local.set $low (i32.sub (local.get $low) (i32.mul (local.get $a) (i32.const 1000000000))))
        ;; rounded up to a power of ten (x within an ulp of one): rare
        (if (i32.ge_u (local.get $top) (i32.const 100000000)) (then (return (i32.const -1))))
        (local.set $point (i32.add (local.get $e10) (i32.const 1)))
        (local.set $q (i32.div_u (local.get $top) (i32.const 10000)))
        (local.set $A (i64.or
          (i64.extend_i32_u (i32.load offset={{DIGITS4}} (i32.shl (local.get $q) (i32.const 2))))
          (i64.shl (i64.extend_i32_u (i32.load offset={{DIGITS4}} (i32.shl
            (i32.sub (local.get $top) (i32.mul (local.get $q) (i32.const 10000))) (i32.const 2))))
            (i64.const 32))))
        (local.set $q (i32.div_u (local.get $low) (i32.const 100000)))
        (local.set $low (i32.sub (local.get $low) (i32.mul (local.get $q) (i32.const 100000))))
        (local.set $q2 (i32.div_u (local.get $low) (i32.const 10)))
        (local.set $B (i64.or
          (i64.extend_i32_u (i32.load offset={{DIGITS4}} (i32.shl (local.get $q) (i32.const 2))))
          (i64.shl (i64.extend_i32_u (i32.load offset={{DIGITS4}} (i32.shl (local.get $q2) (i32.const 2))))
            (i64.const 32))))
        (local.set $C (i64.extend_i32_u (i32.add (i32.const 48)
          (i32.sub (local.get $low) (i32.mul (local.get $q2) (i32.const 10))))))
        ;; the point after `point` digits: A keeps its first `point` bytes, the rest move up one
        (local.set $sh (i64.extend_i32_u (i32.shl (local.get $point) (i32.const 3))))
        (local.set $mask (i64.sub (i64.shl (i64.const 1) (local.get $sh)) (i64.const 1)))
        (i64.store (local.get $p) (i64.or (i64.or
          (i64.and (local.get $A) (local.get $mask))
          (i64.shl (i64.const 46) (local.get $sh)))
          (i64.shl (i64.and (local.get $A) (i64.xor (local.get $mask) (i64.const -1))) (i64.const 8))))
        (local.set $B1 (i64.or (i64.shl (local.get $B) (i64.const 8)) (i64.shr_u (local.get $A) (i64.const 56))))
        (local.set $C1 (i64.or (i64.shl (local.get $C) (i64.const 8)) (i64.shr_u (local.get $B) (i64.const 56))))
        (i64.store offset=8 (local.get $p) (local.get $B1))
        (i64.store offset=16 (local.get $p) (local.get $C1))
        ;; '0' bytes at the end of bytes 10 .. 17 (all fraction: the point is at byte 7 or before)
        (local.set $z (i64.xor (i64.or (i64.shr_u (local.get $B1) (i64.const 16)) (i64.shl (local.get $C1) (i64.const 48)))
          (i64.const 0x3030303030303030)))
        (if (i64.ne (local.get $z) (i64.const 0))
          (then (return (i32.sub (i32.add (local.get $p) (i32.const 18))
            (i32.wrap_i64 (i64.shr_u (i64.clz (local.get $z)) (i64.const 3)))))))
        ;; eight or more: at most nine significant digits (rare), byte by byte
        (local.set $end (i32.add (local.get $p) (i32.const 10)))
        (block $trimmed
          (loop $trim
            (br_if $trimmed (i32.ne (i32.load8_u (i32.sub (local.get $end) (i32.const 1))) (i32.const 48)))
            (local.set $end (i32.sub (local.get $end) (i32.const 1)))
            (br $trim)))
        (if (i32.eq (local.get $end) (i32.add (i32.add (local.get $p) (local.get $point)) (i32.const 1)))
          (then (local.set $end (i32.sub (local.get $end) (i32.const 1)))))
        (return (local.get $end))))
    ;; @end fast
    ;; NaN fails both comparisons
    (if (i32.eqz (i32.and (f64.ge (local.get $x) (f64.const 1e-6)) (f64.lt (local.get $x) (f64.const 1e15))))
      (then (return (i32.const -1))))
    (local.set $e2 (i32.sub (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 52)))
      (i32.const 1023)))
    ;; floor(e2 · log10 2), then one step up if x >= 10^(e10 + 1)
    (local.set $e10 (i32.shr_s (i32.mul (local.get $e2) (i32.const 78913)) (i32.const 18)))
    (if (f64.ge (local.get $x)
          (f64.load offset={{TENS}} (i32.shl (i32.add (local.get $e10) (i32.const 9)) (i32.const 3))))
      (then (local.set $e10 (i32.add (local.get $e10) (i32.const 1)))))
    (local.set $k (i32.shl (i32.sub (i32.const 16) (local.get $e10)) (i32.const 3)))
    (local.set $b (f64.load offset={{POW10}} (local.get $k)))
    (local.set $bh (f64.load offset={{POW10_HI}} (local.get $k)))
    (local.set $bl (f64.load offset={{POW10_LO}} (local.get $k)))
    (local.set $ph (f64.mul (local.get $x) (local.get $b)))
    (local.set $sx (f64.mul (f64.const 134217729) (local.get $x)))
    (local.set $xh (f64.sub (local.get $sx) (f64.sub (local.get $sx) (local.get $x))))
    (local.set $xl (f64.sub (local.get $x) (local.get $xh)))
    (local.set $pl (f64.add (f64.add (f64.add
      (f64.sub (f64.mul (local.get $xh) (local.get $bh)) (local.get $ph))
      (f64.mul (local.get $xh) (local.get $bl)))
      (f64.mul (local.get $xl) (local.get $bh)))
      (f64.mul (local.get $xl) (local.get $bl))))
    (local.set $step (f64.nearest (local.get $pl)))
    (local.set $f (f64.sub (local.get $pl) (local.get $step)))
    ;; ph >= 2^53 is an integer
    (local.set $w (i64.add (i64.trunc_f64_s (local.get $ph)) (i64.trunc_f64_s (local.get $step))))
    (if (i32.or (i64.lt_s (local.get $w) (i64.const 10000000000000000))
                (i64.ge_s (local.get $w) (i64.const 100000000000000000)))
      (then (return (i32.const -1))))
    ;; half an ulp of x in units of W: 2^(e2 - 53) · 10^k
    (local.set $h (f64.mul (local.get $b) (f64.reinterpret_i64
      (i64.shl (i64.extend_i32_s (i32.add (local.get $e2) (i32.const 970))) (i64.const 52)))))
    ;; 16 digits first: W + f rounded to a multiple of 10. When it does not read back, no
    ;; 15-digit number does either (the nearest multiple of 10 is at least as close as the
    ;; nearest multiple of 100), so 17 digits it is: W itself, the nearest (|f| <= 1/2).
    (local.set $r (i32.wrap_i64 (i64.rem_u (local.get $w) (i64.const 10))))
    (local.set $t (f64.add (f64.convert_i32_s (local.get $r)) (local.get $f)))
    (local.set $d (select (f64.sub (f64.const 10) (local.get $t)) (f64.abs (local.get $t))
      (f64.gt (local.get $t) (f64.const 5))))
    (if (f64.lt (local.get $d) (f64.mul (local.get $h) (f64.const 0.999999999)))
      (then
        ;; 15 digits: a multiple of 100
        (local.set $r100 (i32.wrap_i64 (i64.rem_u (local.get $w) (i64.const 100))))
        (local.set $t100 (f64.add (f64.convert_i32_s (local.get $r100)) (local.get $f)))
        (local.set $d100 (select (f64.sub (f64.const 100) (local.get $t100)) (f64.abs (local.get $t100))
          (f64.gt (local.get $t100) (f64.const 50))))
        (if (f64.lt (local.get $d100) (f64.mul (local.get $h) (f64.const 0.999999999)))
          (then
            (if (f64.eq (local.get $t100) (f64.const 50)) (then (return (i32.const -1))))
            (local.set $w (i64.add (i64.sub (local.get $w) (i64.extend_i32_u (local.get $r100)))
              (select (i64.const 100) (i64.const 0) (f64.gt (local.get $t100) (f64.const 50))))))
          (else
            (if (f64.le (local.get $d100) (f64.mul (local.get $h) (f64.const 1.000000001)))
              (then (return (i32.const -1))))
            (if (f64.eq (local.get $t) (f64.const 5)) (then (return (i32.const -1))))
            (local.set $w (i64.add (i64.sub (local.get $w) (i64.extend_i32_u (local.get $r)))
              (select (i64.const 10) (i64.const 0) (f64.gt (local.get $t) (f64.const 5))))))))
      (else
        (if (f64.le (local.get $d) (f64.mul (local.get $h) (f64.const 1.000000001)))
          (then (return (i32.const -1))))
        ;; 17 digits, unless W + f is a tie (V8 breaks those its own way)
        (if (f64.eq (f64.abs (local.get $f)) (f64.const 0.5)) (then (return (i32.const -1))))))
    (local.set $point (i32.add (local.get $e10) (i32.const 1)))
    (if (i64.ge_u (local.get $w) (i64.const 100000000000000000))
      (then
        (local.set $w (i64.const 10000000000000000))
        (local.set $point (i32.add (local.get $point) (i32.const 1)))))
    ;; the rest of [1e-6, 1e15): digits in the scratch, then placed
    (call $digits17 (local.get $w) (i32.const {{SCRATCH}}))
    (local.set $count (i32.const 17))
    (block $trimmed
      (loop $trim
        (br_if $trimmed (i32.ne (i32.load8_u offset={{SCRATCH-1}} (local.get $count)) (i32.const 48)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $trim)))
    (if (i32.le_s (local.get $point) (i32.const 0))
      (then
        ;; 0.000ddd
        (i32.store16 (local.get $p) (i32.const 0x2e30))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (local.set $i (local.get $point))
        (block $zeros
          (loop $zero
            (br_if $zeros (i32.ge_s (local.get $i) (i32.const 0)))
            (i32.store8 (local.get $p) (i32.const 48))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $zero)))
        (return (call $copy (local.get $p) (i32.const {{SCRATCH}}) (i32.add (i32.const {{SCRATCH}}) (local.get $count))))))
    (if (i32.ge_s (local.get $point) (local.get $count))
      (then
        ;; an integer: the digits, then zeros
        (local.set $p (call $copy (local.get $p) (i32.const {{SCRATCH}}) (i32.add (i32.const {{SCRATCH}}) (local.get $count))))
        (local.set $i (local.get $count))
        (block $zeros
          (loop $zero
            (br_if $zeros (i32.ge_s (local.get $i) (local.get $point)))
            (i32.store8 (local.get $p) (i32.const 48))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $zero)))
        (return (local.get $p))))
    ;; ddddddddd.ddd
    (local.set $p (call $copy (local.get $p) (i32.const {{SCRATCH}}) (i32.add (i32.const {{SCRATCH}}) (local.get $point))))
    (i32.store8 (local.get $p) (i32.const 46))
    (call $copy (i32.add (local.get $p) (i32.const 1)) (i32.add (i32.const {{SCRATCH}}) (local.get $point))
      (i32.add (i32.const {{SCRATCH}}) (local.get $count))))

  ;; The workshop's pairs, rows [row, rowEnd): row j is `name_i,name_j,d\n` for i < j.
  ;; Returns the end of the output, or -1 when the number at k (output at pos) needs the caller.
  (func (export "lowerPairs") (param $rowEnd i32) (result i32)
    (local $j i32) (local $i i32) (local $k i32) (local $p i32) (local $e i32)
    (local $nameFrom i32) (local $nameTo i32) (local $values i32) (local $bytes i32) (local $offsets i32)
    (local $from i32) (local $len i32) (local $x f64) ;; @locals fast
    (local.set $j (global.get $row))
    (local.set $i (global.get $col))
    (local.set $k (global.get $k))
    (local.set $p (global.get $pos))
    (local.set $values (global.get $values))
    (local.set $bytes (global.get $rowBytes))
    (local.set $offsets (global.get $rowOffsets))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $j) (local.get $rowEnd)))
        (local.set $nameFrom (i32.add (local.get $bytes)
          (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $nameTo (i32.add (local.get $bytes)
          (i32.load offset=4 (i32.add (local.get $offsets) (i32.shl (local.get $j) (i32.const 2))))))
        (block $rowDone
          (loop $pairs
            (br_if $rowDone (i32.ge_u (local.get $i) (local.get $j)))
            (local.set $from (i32.add (local.get $bytes)
              (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $len (i32.sub (i32.add (local.get $bytes)
              (i32.load offset=4 (i32.add (local.get $offsets) (i32.shl (local.get $i) (i32.const 2)))))
              (local.get $from)))
            (local.set $p
              ;; @inline name
              )
            (i32.store8 (local.get $p) (i32.const 44))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $from (local.get $nameFrom))
            (local.set $len (i32.sub (local.get $nameTo) (local.get $nameFrom)))
            (local.set $p
              ;; @inline name
              )
            (i32.store8 (local.get $p) (i32.const 44))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $x (f64.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $e (block $fast (result i32)
              ;; @inline fast
              (call $shortest (local.get $x) (local.get $p))))
            (if (i32.lt_s (local.get $e) (i32.const 0))
              (then
                (global.set $row (local.get $j))
                (global.set $col (local.get $i))
                (global.set $k (local.get $k))
                (global.set $pos (local.get $p))
                (return (i32.const -1))))
            (i32.store8 (local.get $e) (i32.const 10))
            (local.set $p (i32.add (local.get $e) (i32.const 1)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $pairs)))
        (local.set $i (i32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows)))
    (global.set $row (local.get $j))
    (global.set $col (i32.const 0))
    (global.set $k (local.get $k))
    (global.set $pos (local.get $p))
    (local.get $p))

  ;; Origins × destinations pairs, origin rows [row, rowEnd) of m destinations each:
  ;; `origin_i,destination_j,d\n`. Same protocol as lowerPairs.
  (func (export "rectPairs") (param $rowEnd i32) (param $m i32) (result i32)
    (local $i i32) (local $j i32) (local $k i32) (local $p i32) (local $e i32)
    (local $nameFrom i32) (local $nameTo i32) (local $values i32) (local $colBytes i32) (local $colOffsets i32)
    (local $from i32) (local $len i32) (local $x f64) ;; @locals fast
    (local.set $i (global.get $row))
    (local.set $j (global.get $col))
    (local.set $k (global.get $k))
    (local.set $p (global.get $pos))
    (local.set $values (global.get $values))
    (local.set $colBytes (global.get $colBytes))
    (local.set $colOffsets (global.get $colOffsets))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $rowEnd)))
        (local.set $nameFrom (i32.add (global.get $rowBytes)
          (i32.load (i32.add (global.get $rowOffsets) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $nameTo (i32.add (global.get $rowBytes)
          (i32.load offset=4 (i32.add (global.get $rowOffsets) (i32.shl (local.get $i) (i32.const 2))))))
        (block $rowDone
          (loop $pairs
            (br_if $rowDone (i32.ge_u (local.get $j) (local.get $m)))
            (local.set $from (local.get $nameFrom))
            (local.set $len (i32.sub (local.get $nameTo) (local.get $nameFrom)))
            (local.set $p
              ;; @inline name
              )
            (i32.store8 (local.get $p) (i32.const 44))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $from (i32.add (local.get $colBytes)
              (i32.load (i32.add (local.get $colOffsets) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $len (i32.sub (i32.add (local.get $colBytes)
              (i32.load offset=4 (i32.add (local.get $colOffsets) (i32.shl (local.get $j) (i32.const 2)))))
              (local.get $from)))
            (local.set $p
              ;; @inline name
              )
            (i32.store8 (local.get $p) (i32.const 44))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $x (f64.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $e (block $fast (result i32)
              ;; @inline fast
              (call $shortest (local.get $x) (local.get $p))))
            (if (i32.lt_s (local.get $e) (i32.const 0))
              (then
                (global.set $row (local.get $i))
                (global.set $col (local.get $j))
                (global.set $k (local.get $k))
                (global.set $pos (local.get $p))
                (return (i32.const -1))))
            (i32.store8 (local.get $e) (i32.const 10))
            (local.set $p (i32.add (local.get $e) (i32.const 1)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $pairs)))
        (local.set $j (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (global.set $row (local.get $i))
    (global.set $col (i32.const 0))
    (global.set $k (local.get $k))
    (global.set $pos (local.get $p))
    (local.get $p))

  ;; After the caller wrote a pairs row's number ending at `end`: the newline, next pair.
  (func (export "pairAfter") (param $end i32)
    (i32.store8 (local.get $end) (i32.const 10))
    (global.set $pos (i32.add (local.get $end) (i32.const 1)))
    (global.set $k (i32.add (global.get $k) (i32.const 1)))
    (global.set $col (i32.add (global.get $col) (i32.const 1))))

  ;; `,d` for the values [k, kEnd) (matrix rows, JSON). Same protocol as lowerPairs.
  (func (export "numbers") (param $kEnd i32) (result i32)
    (local $k i32) (local $p i32) (local $e i32) (local $values i32) (local $x f64) ;; @locals fast
    (local.set $k (global.get $k))
    (local.set $p (global.get $pos))
    (local.set $values (global.get $values))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $kEnd)))
        (i32.store8 (local.get $p) (i32.const 44))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $x (f64.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $e (block $fast (result i32)
          ;; @inline fast
          (call $shortest (local.get $x) (local.get $p))))
        (if (i32.lt_s (local.get $e) (i32.const 0))
          (then
            (global.set $k (local.get $k))
            (global.set $pos (local.get $p))
            (return (i32.const -1))))
        (local.set $p (local.get $e))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (global.set $k (local.get $k))
    (global.set $pos (local.get $p))
    (local.get $p))

  ;; After the caller wrote a number of `numbers` ending at `end`.
  (func (export "numberAfter") (param $end i32)
    (global.set $pos (local.get $end))
    (global.set $k (i32.add (global.get $k) (i32.const 1))))

  ;; String(x) at p for one number (tests); -1 as $shortest.
  (func (export "shortest") (param $x f64) (param $p i32) (result i32)
    (call $shortest (local.get $x) (local.get $p)))
)
