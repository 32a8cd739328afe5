import type { Dtype } from "../output/_npy.ts";
import type { Tile } from "../plan/_layout.ts";
import type { TextSpec } from "../text/_text.ts";
import { encodeTile } from "../text/_text.ts";
import type { DistanceArray, KernelInput } from "./_kernel.ts";
import { computeRows } from "./_kernel.ts";

/**
 * Everything a worker needs to compute any tile of one matrix. Plain data (typed arrays,
 * possibly over SharedArrayBuffers), so it can be posted to a worker or a child process.
 */
export interface TileJob {
  /** Points, layout and metric options. */
  readonly kernel: KernelInput;
  /** Element type of the values. */
  readonly dtype: Dtype;
  /** When set, tiles come back as formatted text bytes instead of numbers. */
  readonly text?: TextSpec | undefined;
  /**
   * Binary output straight into an open file: a worker thread of this process writes each
   * tile's values at their final byte position and answers with nothing (no values), so
   * nothing is copied back to the main thread and tiles may finish in any order. Ignored
   * for text, by the main-thread executors and by child processes (they return the values).
   */
  readonly file?: FileTarget | undefined;
}

/**
 * An open file that worker threads write tiles into with positional writes: the values of
 * the tile at `offset` go to byte `start + offset × itemsize`. `pid` is the process that
 * opened `fd`: a file descriptor means nothing in another process, so only threads of that
 * process use it. The opener keeps `fd` open until every tile has settled.
 */
export interface FileTarget {
  readonly fd: number;
  readonly start: number;
  readonly pid: number;
}

/** What one tile produced: its numbers, or its text, or nothing when written in place. */
export interface TileOutput {
  /** The tile's values (`tile.count` of them), when not written in place and not text. */
  values?: DistanceArray;
  /** The tile's text, for text formats (unless written into a given text buffer). */
  bytes?: Uint8Array;
  /** Bytes of text written into the given text buffer. */
  byteLength?: number;
}

/** Where to write a tile's values in place: `array[offset ...]`. */
export interface TileTarget {
  readonly array: DistanceArray;
  readonly offset: number;
}

/** Allocates a values array of the job's dtype. */
export function allocate(dtype: Dtype, length: number): DistanceArray {
  return dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
}

let scratch = new Float64Array(0);

/**
 * Computes one tile: the one function every executor runs, in the main thread, a worker
 * thread or a child process. Numbers go to `target` when given (else a new array); for text
 * formats the numbers go to a reused scratch array and the text to `textInto` when given
 * (e.g. a slot of a SharedArrayBuffer; the result then says how many bytes) or a new array.
 */
export function runTile(
  job: TileJob,
  tile: Tile,
  target?: TileTarget,
  textInto?: Uint8Array,
): TileOutput {
  const n = job.kernel.origins.lat.length;
  const m = job.kernel.destinations?.lat.length ?? n;
  if (job.text) {
    let array: DistanceArray;
    let at = 0;
    if (target) {
      array = target.array;
      at = target.offset;
    } else {
      if (scratch.length < tile.count) scratch = new Float64Array(tile.count);
      array = job.dtype === "float32" ? allocate("float32", tile.count) : scratch;
    }
    computeRows(job.kernel, tile.rowStart, tile.rowEnd, array, at);
    const bytes = encodeTile(job.text, job.kernel.layout, n, m, tile, array, at, textInto);
    return textInto ? { byteLength: bytes.length } : { bytes };
  }
  const array = target?.array ?? allocate(job.dtype, tile.count);
  const at = target?.offset ?? 0;
  computeRows(job.kernel, tile.rowStart, tile.rowEnd, array, at);
  return target ? {} : { values: array };
}
