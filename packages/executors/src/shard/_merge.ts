import { ExecutorError } from "../_errors.ts";
import type { OutputFormat } from "../matrix/_prepare.ts";
import { npyHeader } from "../output/_npy.ts";
import { checkNotInput, openSink } from "../output/_output.ts";
import type { ByteSink, FileSink } from "../output/_sink.ts";
import type { PartFile } from "./_merge-read.ts";
import { copyRange, readPart } from "./_merge-read.ts";

/** Options of {@link mergeShards}. */
export interface MergeShardsOptions {
  /** The part files, in any order: every slice of one run, each once. */
  readonly parts: readonly string[];
  /** Where to write: a path (temp file + rename) or a writable stream such as stdout. */
  readonly output: string | NodeJS.WritableStream;
  /** Cancels the merge; no output file is left behind. */
  readonly signal?: AbortSignal | undefined;
}

/** What a {@link mergeShards} run did. */
export interface MergeShardsResult {
  /** The file written (absolute), or `undefined` for a stream. */
  readonly outputPath: string | undefined;
  /** The run's identity (from the parts). */
  readonly run: string;
  /** Slices merged (the run's K). */
  readonly parts: number;
  readonly format: OutputFormat;
  /** Distances in the merged output. */
  readonly values: number;
  /** Bytes written. */
  readonly bytes: number;
}

const bad = (message: string): never => {
  throw new ExecutorError("BAD_PART", message);
};

function list(ks: readonly number[], K: number): string {
  const shown = ks.slice(0, 8).map((k) => `${k}/${K}`);
  return ks.length > 8 ? `${shown.join(", ")}, … (${ks.length} in all)` : shown.join(", ");
}

/**
 * Checks that `parts` are every slice of one run exactly once: same run identity, same K,
 * no duplicate, none missing, contiguous. Returns them in slice order.
 *
 * @throws ExecutorError `BAD_PART`, one line naming the file(s) and the reason
 */
export function checkParts(parts: readonly PartFile[]): PartFile[] {
  if (parts.length === 0) bad("no part files given");
  const first = parts[0]!;
  const { run, K } = first.info;
  const bySlice = new Map<number, PartFile>();
  for (const part of parts) {
    const { info, path } = part;
    if (info.run !== run) {
      bad(
        `${path} is from another run than ${first.path} (run ${info.run}, not ${run}): other input or options`,
      );
    }
    if (info.K !== K) {
      bad(
        `${path} is slice ${info.k}/${info.K} but ${first.path} is slice ${first.info.k}/${K}: parts of one run share K`,
      );
    }
    const seen = bySlice.get(info.k);
    if (seen) bad(`slice ${info.k}/${K} given twice: ${seen.path} and ${path}`);
    bySlice.set(info.k, part);
  }
  const missing: number[] = [];
  for (let k = 1; k <= K; k++) if (!bySlice.has(k)) missing.push(k);
  if (missing.length > 0) {
    bad(`missing slice${missing.length > 1 ? "s" : ""} ${list(missing, K)} of run ${run}`);
  }
  const ordered = [...bySlice.values()].sort((a, b) => a.info.k - b.info.k);
  let values = 0;
  let row = 0;
  for (const { info, path } of ordered) {
    if (info.values[0] !== values || info.rows[0] !== row || info.total !== first.info.total) {
      bad(`${path}: slice ${info.k}/${K} does not continue slice ${info.k - 1}/${K} (altered?)`);
    }
    values += info.values[1];
    row = info.rows[1];
  }
  if (values !== first.info.total) bad(`the slices of run ${run} do not add up to its size`);
  return ordered;
}

/**
 * Assembles the parts of a run split with `writeShard` (`dmx compute --shard k/K`) into
 * exactly the bytes a one-machine `writeMatrix` run writes with the same options. Every
 * part is checked first ({@link checkParts}, and each file's size against its record), so a
 * foreign, duplicated, missing, truncated or altered part is refused before anything is
 * written; the output goes through a temp file and a rename.
 *
 * @throws ExecutorError `BAD_PART` (one line naming the part), `OUTPUT_IS_INPUT`,
 *   `OUTPUT_FAILED`, or the abort reason
 */
export async function mergeShards(options: MergeShardsOptions): Promise<MergeShardsResult> {
  const { output, signal } = options;
  if (typeof output === "string") checkNotInput(output, options.parts);
  const parts: PartFile[] = [];
  for (const path of options.parts) {
    signal?.throwIfAborted();
    parts.push(await readPart(path));
  }
  const ordered = checkParts(parts);
  const info = ordered[0]!.info;
  let sink: ByteSink | FileSink | undefined;
  let bytes = 0;
  try {
    sink = await openSink(output);
    const out = sink;
    const write = async (chunk: Uint8Array) => {
      await out.write(chunk);
      bytes += chunk.length;
    };
    if (info.format === "npy") await write(npyHeader(info.dtype!, info.shape!));
    for (const part of ordered) await copyRange(part.path, part.start, part.length, write, signal);
    signal?.throwIfAborted();
    await out.commit();
  } catch (error) {
    await sink?.abort();
    throw error;
  }
  return {
    outputPath: sink && "path" in sink ? sink.path : undefined,
    run: info.run,
    parts: info.K,
    format: info.format,
    values: info.total,
    bytes,
  };
}
