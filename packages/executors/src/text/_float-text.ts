/**
 * Fast float-to-text for the text formats: the same characters as `String(x)` and
 * `x.toFixed(d)`, written straight into a byte buffer, without allocating.
 *
 * The trick is exactness: `x · 10^k` (10^k ≤ 10^22 is an exact double) is formed as an
 * unevaluated sum of two doubles by Dekker's product, so the rounding decisions below are
 * made on the exact scaled value, not on a rounded one.
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

/** `digits[0..count)` with the point after `point` digits (ECMAScript Number::toString). */
function placeDigits(buf: Uint8Array, pos: number, count: number, point: number): number {
  while (count > 1 && digits[count - 1] === 48) count--;
  if (point >= count) {
    for (let i = 0; i < count; i++) buf[pos++] = digits[i]!;
    for (let i = count; i < point; i++) buf[pos++] = 48;
  } else if (point > 0) {
    for (let i = 0; i < point; i++) buf[pos++] = digits[i]!;
    buf[pos++] = 46;
    for (let i = point; i < count; i++) buf[pos++] = digits[i]!;
  } else {
    buf[pos++] = 48;
    buf[pos++] = 46;
    for (let i = point; i < 0; i++) buf[pos++] = 48;
    for (let i = 0; i < count; i++) buf[pos++] = digits[i]!;
  }
  return pos;
}

const float = new Float64Array(1);
const bits = new Uint32Array(float.buffer);
/** 10^(i − 7) for i in 0..30, as doubles. */
const TENS: readonly number[] = Array.from({ length: 31 }, (_, i) => Number(`1e${i - 7}`));
const LOG10_2 = 0.30102999566398114;

/**
 * Writes `String(x)` (the shortest decimal that reads back as `x`) as ASCII bytes into
 * `buf` at `pos`; returns the position after the last byte. `buf` needs 25 free bytes.
 *
 * One exact product gives W + f = x · 10^k with 17 significant digits in W (an integer
 * split as hi · 1e9 + lo) and the fraction f. The 16- and 15-digit roundings follow from
 * the low digits of W and f, and each reads back as x iff its distance to x · 10^k is under
 * half an ulp of x (scaled). The shortest that reads back wins; ties and values within a
 * hair of a boundary go to `String(x)`.
 */
export function writeShortest(buf: Uint8Array, pos: number, x: number): number {
  if (x < 0) {
    buf[pos++] = 45;
    x = -x;
  }
  if (!(x >= 1e-6 && x < 1e15)) return writeAscii(buf, pos, x === 0 ? "0" : String(x));
  float[0] = x;
  const high = bits[1]!;
  if ((high & 0xfffff) === 0 && bits[0] === 0) return writeAscii(buf, pos, String(x));
  const exponent = (high >>> 20) - 1075; // x = mantissa · 2^exponent, 2^52 <= mantissa < 2^53
  let e10 = Math.floor((exponent + 52) * LOG10_2);
  if (x >= TENS[e10 + 8]!) e10++;
  let hi = 0;
  let lo = 0;
  let f = 0;
  let k = 0;
  const sx = SPLIT * x;
  const xh = sx - (sx - x);
  const xl = x - xh;
  for (let attempt = 0; ; attempt++) {
    k = 16 - e10;
    if (k > 22 || attempt > 2) return writeAscii(buf, pos, String(x));
    // Dekker's product, inlined: x · 10^k = ph + pl exactly.
    const b = POW10[k]!;
    const ph = x * b;
    const sb = SPLIT * b;
    const bh = sb - (sb - b);
    const bl = b - bh;
    const pl = xh * bh - ph + xh * bl + xl * bh + xl * bl;
    // ph >= 2^53 here, so it is an integer: W = ph + round(pl).
    const step = Math.round(pl);
    f = pl - step;
    hi = Math.floor(ph / 1e9);
    lo = ph - hi * 1e9 + step;
    while (lo < 0) {
      hi -= 1;
      lo += 1e9;
    }
    while (lo >= 1e9) {
      hi += 1;
      lo -= 1e9;
    }
    if (hi < 1e7) e10--;
    else if (hi >= 1e8) e10++;
    else break;
  }
  if (f === 0.5 || f === -0.5) return writeAscii(buf, pos, String(x));
  // Half an ulp of x in units of W: 2^(exponent − 1) · 10^k.
  bits[1] = (exponent - 1 + 1023) << 20;
  bits[0] = 0;
  const h = float[0]! * POW10[k]!;
  const hLow = h * (1 - 1e-9);
  const hHigh = h * (1 + 1e-9);
  const lo32 = lo | 0;
  let digitsLow = 9;
  let low = lo32;
  // 15 digits: W / 100 rounded.
  const t15 = (lo32 % 100) + f;
  const r15 = t15 > 50 ? 1 : 0;
  const d15 = Math.abs(t15 - 100 * r15);
  if (d15 < hLow) {
    if (t15 === 50) return writeAscii(buf, pos, String(x));
    digitsLow = 7;
    low = ((lo32 / 100) | 0) + r15;
  } else if (d15 <= hHigh) {
    return writeAscii(buf, pos, String(x));
  } else {
    // 16 digits: W / 10 rounded.
    const t16 = (lo32 % 10) + f;
    const r16 = t16 > 5 ? 1 : 0;
    const d16 = Math.abs(t16 - 10 * r16);
    if (d16 < hLow) {
      if (t16 === 5) return writeAscii(buf, pos, String(x));
      digitsLow = 8;
      low = ((lo32 / 10) | 0) + r16;
    } else if (d16 <= hHigh) {
      return writeAscii(buf, pos, String(x));
    }
  }
  let point = e10 + 1;
  let top = hi | 0;
  if (low >= POW10[digitsLow]!) {
    low = 0;
    top += 1;
    if (top >= 1e8) {
      top = 1e7;
      point++;
    }
  }
  const count = 8 + digitsLow;
  if (point >= 1 && point < 8) {
    // The common case (1 <= x < 1e7): digits straight into buf, one slot right of their
    // place; then the integer digits move left one and the point goes in the gap.
    putDigitsInto(buf, pos + 1 + count, low, digitsLow);
    putDigitsInto(buf, pos + 9, top, 8);
    for (let i = 0; i < point; i++) buf[pos + i] = buf[pos + i + 1]!;
    buf[pos + point] = 46;
    let end = pos + 1 + count;
    while (buf[end - 1] === 48) end--;
    if (end === pos + point + 1) end--; // no fraction digits left: drop the point
    return end;
  }
  putDigits(low, count, digitsLow);
  putDigits(top, 8, 8);
  return placeDigits(buf, pos, count, point);
}

/** Writes `count` decimal digits of `v` (0 <= v < 1e9) into `buf` ending at `end`. */
function putDigitsInto(buf: Uint8Array, end: number, v: number, count: number): void {
  let n = v | 0;
  while (count >= 2) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) << 1;
    buf[--end] = PAIRS[r + 1]!;
    buf[--end] = PAIRS[r]!;
    n = q;
    count -= 2;
  }
  if (count === 1) buf[--end] = 48 + (n % 10);
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
