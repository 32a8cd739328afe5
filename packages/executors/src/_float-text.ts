/**
 * Fast float-to-text for the text formats: the same characters as `String(x)` and
 * `x.toFixed(d)`, written straight into a byte buffer.
 *
 * Shortest round-trip (`String(x)`): for 1e-6 <= |x| < 1e15 the scaled value
 * `x · 10^k` is formed exactly as a double-double (Dekker's product), rounded to 15, then
 * 16 significant digits; a candidate that reads back as `x` (one correctly rounded division
 * of two exact doubles, Clinger's fast path) is the answer (any shorter one would be its
 * prefix), otherwise the correctly rounded 17 digits are. Exact ties and values outside the
 * range fall back to `String(x)`.
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

/**
 * Rounds `x · 10^k` (exact, as a double-double) to the nearest integer D, leaving D's
 * digits split as `roundHi · 1e9 + roundLo`, and returns |D − x · 10^k| (NaN on an exact tie).
 */
function roundScaled(x: number, k: number): number {
  twoProduct(x, POW10[k]!);
  const whole = Math.round(productHi);
  // productHi − whole is exact and in [−0.5, 0.5). Below 2^52, adding productLo (under half
  // an ulp of productHi) rounds, and can only hide the side of an exact −0.5: handled apart.
  const d = productHi - whole;
  let step = 0;
  let residue: number;
  if (d === -0.5) {
    if (productLo < 0) {
      step = -1;
      residue = 0.5 + productLo;
    } else if (productLo > 0) {
      residue = 0.5 - productLo;
    } else {
      return Number.NaN; // an exact tie: V8 breaks these its own way; let it
    }
  } else {
    // Above 2^52 productHi is an integer (d = 0) and productLo may exceed 1.
    const frac = d + productLo;
    step = Math.round(frac);
    residue = Math.abs(frac - step);
    if (residue === 0.5) return Number.NaN; // an exact tie, as above
  }
  let hi = splitBillion(whole);
  let lo = splitLo + step;
  if (lo < 0) {
    hi -= 1;
    lo += 1e9;
  } else if (lo >= 1e9) {
    hi += 1;
    lo -= 1e9;
  }
  roundHi = hi;
  roundLo = lo;
  return residue;
}
let roundHi = 0;
let roundLo = 0;

const float = new Float64Array(1);
const bits = new Uint32Array(float.buffer);
/** 10^(i − 7) for i in 0..30, as doubles. */
const TENS: readonly number[] = Array.from({ length: 31 }, (_, i) => Number(`1e${i - 7}`));
const LOG10_2 = 0.30102999566398114;

/** 2^e for normal exponents, without Math.pow. */
function powerOfTwo(e: number): number {
  bits[1] = (e + 1023) << 20;
  bits[0] = 0;
  return float[0]!;
}

/**
 * Writes `String(x)` (the shortest decimal that reads back as `x`) as ASCII bytes into
 * `buf` at `pos`; returns the position after the last byte. `buf` needs 25 free bytes.
 */
export function writeShortest(buf: Uint8Array, pos: number, x: number): number {
  if (x < 0) {
    buf[pos++] = 45;
    x = -x;
  }
  if (!(x >= 1e-6 && x < 1e15)) {
    return writeAscii(buf, pos, x === 0 ? "0" : String(x));
  }
  float[0] = x;
  const high = bits[1]!;
  if ((high & 0xfffff) === 0 && bits[0] === 0) return writeAscii(buf, pos, String(x));
  const exponent = (high >>> 20) - 1075; // x = mantissa · 2^exponent, 2^52 <= mantissa < 2^53
  // Half an ulp of x; D (scaled by 10^k) reads back as x iff |D − x·10^k| < halfUlp · 10^k.
  const halfUlp = powerOfTwo(exponent - 1);
  let e10 = Math.floor((exponent + 52) * LOG10_2);
  if (x >= TENS[e10 + 8]!) e10++;
  // 16 digits first: if they do not read back, no shorter decimal does (its padding would
  // be a 16-digit decimal at least as far from x). If they do, 15 may too.
  let best = 0;
  for (let p = 16; p >= 15; p--) {
    const r = candidate(x, e10, p, halfUlp);
    if (r === 0) break;
    if (r < 0) return writeAscii(buf, pos, String(x));
    best = r;
    saveHi = roundHi;
    saveLo = roundLo;
    saveCount = candidateCount;
    savePoint = candidatePoint;
  }
  if (best === 0) {
    const r = candidate(x, e10, 17, Number.POSITIVE_INFINITY);
    if (r < 0) return writeAscii(buf, pos, String(x));
    saveHi = roundHi;
    saveLo = roundLo;
    saveCount = candidateCount;
    savePoint = candidatePoint;
  }
  putNumber(saveHi, saveLo, saveCount);
  return placeDigits(buf, pos, saveCount, savePoint);
}
let saveHi = 0;
let saveLo = 0;
let saveCount = 0;
let savePoint = 0;
let candidateCount = 0;
let candidatePoint = 0;

/**
 * The closest `p`-significant-digit decimal to x: 1 if it reads back as x (digits in
 * roundHi/roundLo, candidateCount/candidatePoint set), 0 if not, −1 to give up (ties,
 * near-boundary cases, out of table range).
 */
function candidate(x: number, e10: number, p: number, halfUlp: number): number {
  for (let attempt = 0; attempt < 3; attempt++) {
    const k = p - 1 - e10;
    if (k > 22 || k < 0) return -1;
    const residue = roundScaled(x, k);
    if (Number.isNaN(residue)) return -1;
    let count = p;
    let point = e10 + 1;
    if (roundHi < POW10[p - 10]!) {
      e10--; // D < 10^(p−1): the estimate overshot (x just below a power of ten)
      continue;
    }
    if (roundHi >= POW10[p - 9]!) {
      if (roundHi !== POW10[p - 9]! || roundLo !== 0) {
        e10++; // D > 10^p: the estimate undershot
        continue;
      }
      count = p + 1; // x rounds to the next power of ten at p digits
      point++;
    }
    const h = halfUlp * POW10[k]!;
    if (residue > h * (1 + 1e-9)) return 0;
    if (residue > h * (1 - 1e-9)) return -1;
    candidateCount = count;
    candidatePoint = point;
    return 1;
  }
  return -1;
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
