import { dirname, join } from "node:path";
import type { FormatOptions, OutputFormat } from "../matrix/_prepare.ts";
import { writeMatrix } from "../matrix/_write-matrix.ts";
import type { WriteMatrixOptions, WriteMatrixResult } from "../matrix/_write-options.ts";
import type { OutputSlice, ShardSpec, SliceContext } from "./_shard.ts";
import { checkShard, shardRange } from "./_shard.ts";
import type { PartInfo } from "./_shard-part.ts";
import { npyPartHeader, runIdentity, textPartTrailer } from "./_shard-part.ts";

/** Options of {@link writeShard}: those of `writeMatrix`, and which slice to write. */
export interface WriteShardOptions extends Omit<WriteMatrixOptions, "slice"> {
  /** The slice, 1-based: `{ index: 2, count: 4 }` is `--shard 2/4`. */
  readonly shard: ShardSpec;
}

/** What a {@link writeShard} run did: `values` and `bytes` are the part's. */
export interface WriteShardResult extends WriteMatrixResult {
  /** The record written into the part. */
  readonly part: PartInfo;
}

const extensions: Readonly<Record<OutputFormat, string>> = {
  pairs: "csv",
  matrix: "csv",
  npy: "npy",
  json: "json",
};

/** `output-k-of-K.csv` (or `.npy`, `.json`) in the folder of `input`. */
export function defaultShardPath(input: string, format: OutputFormat, spec: ShardSpec): string {
  return join(dirname(input), `output-${spec.index}-of-${spec.count}.${extensions[format]}`);
}

/** The slice of a run, its part record, and the bytes around its values. */
function partSlice(
  whole: SliceContext,
  options: FormatOptions,
  spec: ShardSpec,
  recorded: (info: PartInfo) => void,
): OutputSlice {
  const { prepared, kernel, origins, destinations } = whole;
  const n = origins.names.length;
  const m = destinations?.names.length ?? n;
  const range = shardRange(prepared.layout, n, m, spec);
  const base: PartInfo = {
    v: 1,
    run: runIdentity(options, kernel, prepared, origins, destinations),
    k: spec.index,
    K: spec.count,
    format: prepared.format,
    rows: [range.rowStart, range.rowEnd],
    values: [range.offset, range.count],
    total: prepared.values,
  };
  const slice = { rowStart: range.rowStart, rowEnd: range.rowEnd };
  if (prepared.format === "npy") {
    const info: PartInfo = {
      ...base,
      dtype: prepared.dtype,
      shape: prepared.layout === "condensed" ? [prepared.values] : [n, m],
    };
    recorded(info);
    return { ...slice, prefix: npyPartHeader(info), suffix: new Uint8Array(0) };
  }
  // Text: the first part carries the whole output's prefix, the last its suffix, so the
  // parts' texts concatenate to the whole output. The record follows, with their length.
  const first = spec.index === 1;
  const last = spec.index === spec.count;
  const tail = last ? prepared.suffix : new Uint8Array(0);
  return {
    ...slice,
    prefix: first ? prepared.prefix : new Uint8Array(0),
    suffix: (written) => {
      const info: PartInfo = { ...base, bytes: written + tail.length };
      recorded(info);
      const ends = tail.length > 0 ? tail.at(-1) === 10 : endsWithNewline(prepared.format);
      const trailer = textPartTrailer(info, ends);
      const suffix = new Uint8Array(tail.length + trailer.length);
      suffix.set(tail, 0);
      suffix.set(trailer, tail.length);
      return suffix;
    },
  };
}

/** Whether a format's rows end with a newline (CSV rows do; JSON numbers do not). */
function endsWithNewline(format: OutputFormat): boolean {
  return format === "pairs" || format === "matrix";
}

/**
 * Computes one slice of a distance matrix into a part file (or stream), for runs split over
 * machines without a broker (Slurm job arrays, Kubernetes Indexed Jobs); `mergeShards`
 * assembles the parts into exactly the bytes of a one-machine `writeMatrix` run. The slice
 * is balanced by pair count and deterministic (see `shardRange`). The part records its
 * slice, the run's identity and the slice count: an `.npy` part is a valid `.npy` of the
 * slice's values (shape `(count,)`, or `(rows, n)` when square or with destinations) with
 * the record as a header comment; a text part is the slice's text then one line
 * `#dmx-part {...}`. Written through a temp file and renamed, as `writeMatrix` does.
 *
 * @throws what `writeMatrix` throws; `BAD_OPTION` for a slice outside 1 <= index <= count
 */
export async function writeShard(options: WriteShardOptions): Promise<WriteShardResult> {
  const spec = options.shard;
  checkShard(spec);
  const format = options.format ?? "pairs";
  const output =
    options.output ??
    (typeof options.input === "string" ? defaultShardPath(options.input, format, spec) : undefined);
  let part: PartInfo | undefined;
  const result = await writeMatrix({
    ...options,
    output,
    slice: (whole) =>
      partSlice(whole, options, spec, (info) => {
        part = info;
      }),
  });
  if (!part) throw new Error("writeShard: the slice was never planned"); // a bug if seen
  return { ...result, part };
}
