/**
 * Float-to-text in JavaScript for the text formats: the same characters as `String(x)` and
 * `x.toFixed(d)`, written straight into a byte buffer. Shortest round-trip text is mostly
 * written by the WebAssembly writer (`_text-wasm.ts`); this file has its fallback and the
 * fixed-precision writer.
 *
 * The trick of `writeFixed` is exactness: `x · 10^k` (10^k ≤ 10^22 is an exact double) is
 * formed as an unevaluated sum of two doubles by Dekker's product, so the rounding decisions
 * are made on the exact scaled value, not on a rounded one.
 */

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

// Results of twoProduct, kept in module scope to avoid allocating.
let productHi = 0;
let productLo = 0;

/** `a · b = productHi + productLo` exactly (no overflow assumed). */
function twoProduct(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  productHi = p;
  productLo = ah * bh - p + ah * bl + al * bh + al * bl;
}

const digits = new Uint8Array(24);

/** "00" … "99" as char codes, two per entry. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Writes `count` decimal digits of `v` (0 <= v < 1e9, integer) into `digits` ending at `end`. */
function putDigits(v: number, end: number, count: number): void {
  let n = v | 0;
  while (count >= 2) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) << 1;
    digits[--end] = PAIRS[r + 1]!;
    digits[--end] = PAIRS[r]!;
    n = q;
    count -= 2;
  }
  if (count === 1) digits[--end] = 48 + (n % 10);
}

/** Fills `digits[0..count)` with the `count`-digit integer hi·1e9 + lo (lo < 1e9). */
function putNumber(hi: number, lo: number, count: number): void {
  putDigits(lo, count, 9);
  putDigits(hi, count - 9, count - 9);
}

function splitBillion(v: number): number {
  let hi = Math.floor(v / 1e9);
  let lo = v - hi * 1e9;
  if (lo < 0) {
    hi -= 1;
    lo += 1e9;
  } else if (lo >= 1e9) {
    hi += 1;
    lo -= 1e9;
  }
  splitLo = lo;
  return hi;
}
let splitLo = 0;

function writeAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let k = 0; k < s.length; k++) buf[pos++] = s.charCodeAt(k);
  return pos;
}

/**
 * Writes `String(x)` (the shortest decimal that reads back as `x`) as ASCII bytes into
 * `buf` at `pos`; returns the position after the last byte. `buf` needs 25 free bytes.
 *
 * The fallback of the text formats where the WebAssembly row writer is unavailable (and for
 * the values it defers). Measured side by side (bench/float-text.bench.mjs, README
 * "Float-to-text"), the WebAssembly writer was 3-4x faster per pairs row than any JS engine,
 * so one JS engine is kept, the simplest: `String(x)` itself.
 */
export function writeShortest(buf: Uint8Array, pos: number, x: number): number {
  return writeAscii(buf, pos, String(x));
}

/**
 * Writes `x.toFixed(fractionDigits)` (0 <= fractionDigits <= 100) as ASCII bytes into `buf`
 * at `pos`; returns the position after the last byte. `buf` needs `fractionDigits + 24`
 * free bytes.
 */
export function writeFixed(
  buf: Uint8Array,
  pos: number,
  x: number,
  fractionDigits: number,
): number {
  if (!(x >= 0 && fractionDigits <= 22 && x * POW10[fractionDigits]! < 2 ** 52)) {
    return writeAscii(buf, pos, x.toFixed(fractionDigits));
  }
  twoProduct(x, POW10[fractionDigits]!);
  let r = Math.round(productHi);
  // As in roundScaled: only an exact −0.5 can move; a tie keeps the larger n (toFixed).
  if (productHi - r === -0.5 && productLo < 0) r -= 1;
  const scale = POW10[fractionDigits]!;
  let whole = Math.floor(r / scale);
  let frac = r - whole * scale;
  if (frac < 0) {
    whole -= 1;
    frac += scale;
  } else if (frac >= scale) {
    whole += 1;
    frac -= scale;
  }
  const hi = splitBillion(whole);
  const lo = splitLo;
  let count: number;
  if (hi > 0) {
    count = 9 + String(hi).length;
    putNumber(hi, lo, count);
  } else {
    count = lo === 0 ? 1 : Math.floor(Math.log10(lo)) + 1;
    if (lo >= POW10[count]!) count++;
    else if (count > 1 && lo < POW10[count - 1]!) count--;
    putDigits(lo, count, count);
  }
  for (let i = 0; i < count; i++) buf[pos++] = digits[i]!;
  if (fractionDigits > 0) {
    buf[pos++] = 46;
    const fhi = splitBillion(frac);
    const end = Math.max(fractionDigits, 9);
    putNumber(fhi, splitLo, end);
    const start = end - fractionDigits;
    for (let i = start; i < end; i++) buf[pos++] = digits[i]!;
  }
  return pos;
}
