/**
 * Writes `String(x)` (the shortest decimal that reads back as `x`) as ASCII bytes into
 * `buf` at `pos`; returns the position after the last byte. `buf` needs 25 free bytes.
 */
export function writeShortest(buf: Uint8Array, pos: number, x: number): number {
  return writeAscii(buf, pos, String(x));
}

/**
 * Writes `x.toFixed(digits)` (0 <= digits <= 100) as ASCII bytes into `buf` at `pos`;
 * returns the position after the last byte. `buf` needs `digits + 24` free bytes.
 */
export function writeFixed(buf: Uint8Array, pos: number, x: number, digits: number): number {
  return writeAscii(buf, pos, x.toFixed(digits));
}

function writeAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let k = 0; k < s.length; k++) buf[pos++] = s.charCodeAt(k);
  return pos;
}
