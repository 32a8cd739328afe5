/**
 * Strict incremental UTF-8 decoding: each chunk is decoded up to its last complete character
 * (the rest carried to the next chunk), and an invalid sequence is located exactly.
 * @internal
 */

/** Bytes at the end of `bytes` that start a character not complete yet (0–3). */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back < need ? back : 0;
  }
  return 0;
}

/** Thrown with the text decoded before the first invalid byte. */
export class Utf8Error extends Error {
  /** Decoded text up to the invalid sequence. */
  readonly before: string;
  constructor(before: string) {
    super("invalid UTF-8 byte sequence");
    this.before = before;
  }
}

function decodesCleanly(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Text of the longest prefix of `bytes` that is valid UTF-8 (an incomplete end allowed). */
function validPrefix(bytes: Uint8Array): string {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decodesCleanly(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, lo), {
    stream: true,
  });
}

/** Decodes byte chunks strictly; a byte-order mark is kept (the reader drops a leading one). */
export class StrictUtf8 {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  /** Text of the complete characters so far. @throws Utf8Error */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    const tail = incompleteTail(bytes);
    const body = bytes.subarray(0, bytes.length - tail);
    this.carry = bytes.slice(bytes.length - tail);
    try {
      return this.decoder.decode(body);
    } catch {
      throw new Utf8Error(validPrefix(body));
    }
  }

  /** The input ended. @throws Utf8Error if it ended inside a character */
  end(): void {
    if (this.carry.length > 0) throw new Utf8Error("");
  }
}
