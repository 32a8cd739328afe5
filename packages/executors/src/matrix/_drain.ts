import process from "node:process";
import { delay } from "../_util.ts";
import type { TileResult } from "../executors/_executor.ts";
import { itemSize } from "../kernel/_file-tile.ts";
import type { FileTarget } from "../kernel/_tile-job.ts";
import type { ByteSink, FileSink } from "../output/_sink.ts";
import type { WriteMatrixOptions, WritePlan, WriteSettings } from "./_write-options.ts";

/** What {@link drain} wrote. */
export interface Drained {
  readonly values: number;
  readonly bytes: number;
  /** Time spent waiting for computed tiles, ms. */
  readonly calcMs: number;
}

/**
 * Runs the plan's tiles on its executor and writes them into `sink`, in order: the prefix,
 * every tile (at its place in the file when the plan writes binary to a file, where the
 * worker threads may already have written it), the suffix; then commits the sink. On any
 * failure the executor is stopped and every tile in flight settles before the sink is
 * aborted: a worker must never write to a file descriptor number that may have been reused.
 */
export async function drain(
  plan: WritePlan,
  sink: ByteSink | FileSink,
  settings: WriteSettings,
  options: Pick<WriteMatrixOptions, "signal" | "onProgress">,
): Promise<Drained> {
  const { executor } = plan;
  const { signal } = options;
  const { ioDelayMs } = settings;
  const file = plan.toFile && "fd" in sink ? sink : undefined;
  const size = itemSize(plan.dtype);
  const start = plan.prefix.length;
  let iterator: AsyncIterator<TileResult> | undefined;
  let bytes = 0;
  let done = 0;
  let calcMs = 0;
  try {
    if (file) {
      const fixedSuffix = typeof plan.suffix === "function" ? 0 : plan.suffix.length;
      await file.resize(start + (plan.values ?? 0) * size + fixedSuffix);
      await file.writeAt(plan.prefix, 0);
    } else await sink.write(plan.prefix);
    bytes += plan.prefix.length;
    // With a slice, tiles keep their offsets in the whole output: shift them by `base`.
    const target: FileTarget | undefined = file && {
      fd: file.fd,
      start: start - plan.base * size,
      pid: process.pid,
    };
    for await (const segment of plan.segments) {
      const job = target ? { ...segment.job, file: target } : segment.job;
      iterator = executor.run(job, segment.tiles, { signal })[Symbol.asyncIterator]();
      for (;;) {
        const waitStart = performance.now();
        const next = await iterator.next();
        calcMs += performance.now() - waitStart;
        if (next.done) break;
        const r = next.value;
        if (ioDelayMs > 0) await delay(ioDelayMs, signal);
        if (r.bytes) {
          await sink.write(r.bytes);
          bytes += r.bytes.length;
        } else if (r.values) {
          const chunk = new Uint8Array(r.values.buffer, r.values.byteOffset, r.values.byteLength);
          if (file) await file.writeAt(chunk, start + (r.tile.offset - plan.base) * size);
          else await sink.write(chunk);
          bytes += chunk.length;
        } else {
          bytes += r.tile.count * size; // written in place by a worker
          file?.wrote(r.tile.count * size);
        }
        done += r.tile.count;
        options.onProgress?.({ done, total: plan.values ?? done });
      }
      iterator = undefined;
    }
    const suffix = typeof plan.suffix === "function" ? plan.suffix(bytes) : plan.suffix;
    if (suffix.length > 0) {
      if (file) await file.writeAt(suffix, start + done * size);
      else await sink.write(suffix);
      bytes += suffix.length;
    }
    signal?.throwIfAborted();
    await sink.commit();
  } catch (error) {
    if (plan.owned) await executor.close();
    await iterator?.return?.(undefined).catch(() => {});
    await sink.abort();
    throw error;
  }
  return { values: done, bytes, calcMs };
}
