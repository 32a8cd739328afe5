import type { Layout, Tile } from "../plan/_layout.ts";
import type { NameBytes } from "./_csv.ts";
import { TEXT_WASM_BASE64 } from "./_text-wasm-bytes.ts";
import { TEXT_WASM_LAYOUT } from "./_text-wasm-layout.ts";

/** The exports of wasm/text.wat. */
interface TextExports {
  readonly memory: WebAssembly.Memory;
  readonly values: WebAssembly.Global;
  readonly rowBytes: WebAssembly.Global;
  readonly rowOffsets: WebAssembly.Global;
  readonly colBytes: WebAssembly.Global;
  readonly colOffsets: WebAssembly.Global;
  readonly pos: WebAssembly.Global;
  readonly k: WebAssembly.Global;
  readonly row: WebAssembly.Global;
  readonly col: WebAssembly.Global;
  lowerPairs(rowEnd: number): number;
  rectPairs(rowEnd: number, m: number): number;
  pairAfter(end: number): void;
  numbers(kEnd: number): number;
  numberAfter(end: number): void;
  shortest(x: number, p: number): number;
}

/** Where the caller's data starts in the module's memory (below: the tables). */
const HEAP = TEXT_WASM_LAYOUT.HEAP;
const SCRATCH_SLACK = 64;
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

function instantiate(): TextExports | null {
  try {
    if (typeof WebAssembly !== "object") return null;
    const bytes = Uint8Array.from(atob(TEXT_WASM_BASE64), (c) => c.charCodeAt(0));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const kernel = instance.exports as unknown as TextExports;
    const memory = kernel.memory.buffer;
    const L = TEXT_WASM_LAYOUT;
    const pow10f = new Float64Array(memory, L.POW10, 23);
    const hi = new Float64Array(memory, L.POW10_HI, 23);
    const lo = new Float64Array(memory, L.POW10_LO, 23);
    for (let i = 0; i < 23; i++) {
      const b = Number(`1e${i}`);
      const t = SPLIT * b;
      pow10f[i] = b;
      hi[i] = t - (t - b);
      lo[i] = b - hi[i]!;
    }
    const tens = new Float64Array(memory, L.TENS, 40);
    for (let i = 0; i < 40; i++) tens[i] = Number(`1e${i - 8}`);
    const pow10 = new BigUint64Array(memory, L.POW10_U64, 17);
    for (let i = 0; i < 17; i++) pow10[i] = 10n ** BigInt(i);
    const digits = new Uint32Array(memory, L.DIGITS4, 10000);
    for (let i = 0; i < 10000; i++) {
      const d0 = 48 + ((i / 1000) | 0);
      const d1 = 48 + (((i / 100) | 0) % 10);
      const d2 = 48 + (((i / 10) | 0) % 10);
      const d3 = 48 + (i % 10);
      digits[i] = d0 | (d1 << 8) | (d2 << 16) | (d3 << 24);
    }
    return kernel;
  } catch {
    return null; // no WebAssembly here (e.g. a page whose CSP forbids it): the JS path runs
  }
}

let kernel: TextExports | null | undefined;

function textKernel(): TextExports | null {
  if (kernel === undefined) kernel = instantiate();
  return kernel;
}

/** Whether the WebAssembly text writer runs in this thread. */
export function wasmTextAvailable(): boolean {
  return textKernel() !== null;
}

function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
}

/** Names copied into the module's memory, kept while the same arrays come back. */
interface Placed {
  source: NameBytes | undefined;
  bytes: number;
  offsets: number;
  end: number;
}

const placedRows: Placed = { source: undefined, bytes: 0, offsets: 0, end: HEAP };
const placedCols: Placed = { source: undefined, bytes: 0, offsets: 0, end: HEAP };

function sameNames(a: NameBytes | undefined, b: NameBytes): boolean {
  return (
    a !== undefined &&
    a.bytes.buffer === b.bytes.buffer &&
    a.bytes.byteOffset === b.bytes.byteOffset &&
    a.bytes.length === b.bytes.length &&
    a.offsets.buffer === b.offsets.buffer &&
    a.offsets.byteOffset === b.offsets.byteOffset &&
    a.offsets.length === b.offsets.length
  );
}

/** Copies names to `at` (8-byte aligned) unless already there; returns the end. */
function placeNames(w: TextExports, placed: Placed, names: NameBytes, at: number): number {
  if (placed.bytes === at && sameNames(placed.source, names)) return placed.end;
  const offsetsAt = at + ((names.bytes.length + 8 + 7) & ~7);
  const end = offsetsAt + names.offsets.length * 4;
  ensureMemory(w.memory, end);
  new Uint8Array(w.memory.buffer, at, names.bytes.length).set(names.bytes);
  new Uint32Array(w.memory.buffer, offsetsAt, names.offsets.length).set(names.offsets);
  placed.source = names;
  placed.bytes = at;
  placed.offsets = offsetsAt;
  placed.end = end;
  return end;
}

function writeAscii(memory: WebAssembly.Memory, pos: number, s: string): number {
  const bytes = new Uint8Array(memory.buffer);
  for (let i = 0; i < s.length; i++) bytes[pos++] = s.charCodeAt(i);
  return pos;
}

/**
 * Runs one of the loops of wasm/text.wat to the end: when it stops at a number it does not
 * handle (exponent notation, ties), writes `String(x)` there and lets it go on.
 */
function drive(
  w: TextExports,
  values: Float64Array,
  loop: () => number,
  after: (end: number) => void,
): number {
  for (;;) {
    const end = loop();
    if (end >= 0) return end;
    after(writeAscii(w.memory, w.pos.value, String(values[w.k.value]!)));
  }
}

/** What {@link encodeTileWasm} needs of a text spec. */
export interface WasmTextInput {
  readonly format: "pairs" | "matrix" | "json";
  readonly rowNames: NameBytes;
  readonly colNames?: NameBytes | undefined;
}

/**
 * Formats a tile like `encodeTile` does with shortest round-trip numbers, in WebAssembly.
 * Returns the number of bytes written into `into` (which must hold `bound` bytes), or -1
 * when WebAssembly is not available in this thread.
 */
export function encodeTileWasm(
  spec: WasmTextInput,
  layout: Layout,
  n: number,
  m: number,
  tile: Tile,
  values: ArrayLike<number>,
  at: number,
  bound: number,
  into: Uint8Array,
): number {
  const w = textKernel();
  if (w === null) return -1;
  const rows = spec.rowNames;
  const cols = spec.colNames ?? rows;
  let free = placeNames(w, placedRows, rows, HEAP);
  if (cols !== rows) free = placeNames(w, placedCols, cols, free);
  else Object.assign(placedCols, placedRows);
  const valuesAt = (free + 7) & ~7;
  const out = valuesAt + tile.count * 8;
  ensureMemory(w.memory, out + bound + SCRATCH_SLACK);
  const heap = new Float64Array(w.memory.buffer, valuesAt, tile.count);
  if (values instanceof Float64Array || values instanceof Float32Array) {
    heap.set(values.subarray(at, at + tile.count));
  } else {
    for (let i = 0; i < tile.count; i++) heap[i] = values[at + i]!;
  }
  w.values.value = valuesAt;
  w.rowBytes.value = placedRows.bytes;
  w.rowOffsets.value = placedRows.offsets;
  w.colBytes.value = placedCols.bytes;
  w.colOffsets.value = placedCols.offsets;
  w.k.value = 0;
  w.pos.value = out;
  let end: number;
  let start = out;
  if (spec.format === "pairs") {
    w.row.value = tile.rowStart;
    w.col.value = 0;
    end =
      layout === "lower"
        ? drive(w, heap, () => w.lowerPairs(tile.rowEnd), w.pairAfter)
        : drive(w, heap, () => w.rectPairs(tile.rowEnd, m), w.pairAfter);
  } else if (spec.format === "json") {
    end = drive(w, heap, () => w.numbers(tile.count), w.numberAfter);
    if (tile.offset === 0 && tile.count > 0) start++; // the first number of the output: no comma
  } else {
    const width = layout === "rect" ? m : n;
    const names = new Uint8Array(w.memory.buffer);
    end = out;
    for (let r = tile.rowStart, k = 0; r < tile.rowEnd; r++, k += width) {
      for (let b = rows.offsets[r]!, stop = rows.offsets[r + 1]!; b < stop; b++) {
        names[end++] = rows.bytes[b]!;
      }
      w.pos.value = end;
      w.k.value = k;
      end = drive(w, heap, () => w.numbers(k + width), w.numberAfter);
      names[end++] = 10;
    }
  }
  into.set(new Uint8Array(w.memory.buffer, start, end - start));
  return end - start;
}

/** `String(x)` through the WebAssembly writer (for tests); `undefined` where it defers to JS. */
export function wasmShortest(x: number): string | undefined {
  const w = textKernel();
  if (w === null) return undefined;
  const end = w.shortest(x, HEAP);
  if (end < 0) return undefined;
  return new TextDecoder().decode(new Uint8Array(w.memory.buffer, HEAP, end - HEAP));
}
