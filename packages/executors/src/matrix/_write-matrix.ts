import { openSink } from "../output/_output.ts";
import { asOutputError } from "../output/_output-error.ts";
import { drain } from "./_drain.ts";
import type { WriteMatrixOptions, WriteMatrixResult } from "./_write-options.ts";
import { checkWrite, planWrite } from "./_write-plan.ts";

/**
 * Computes a distance matrix and streams it, formatted, to a file or stream in bounded
 * memory: tiles are computed (in workers, formatted there too for text formats), written in
 * order, and never more than a few are in flight. Files are written to a temp file in the
 * target folder and renamed at the end, so a failure or an abort leaves no partial output
 * and any previous file untouched. An output path that is an input file is refused.
 *
 * Three steps (ARCHITECTURE.md, "Data flow"): plan (check the options, pick and warm the
 * executor, read the input, lay out the output), open the sink, drain the tiles into it.
 *
 * @throws ExecutorError (`BAD_OPTION`, `OUTPUT_IS_INPUT`, `OUTPUT_IS_DIRECTORY`,
 *   `WORKER_CRASHED`, `OUTPUT_FAILED`),
 *   `LocationParseError` from `@dmx/geo` for bad input, or the abort reason
 */
export async function writeMatrix(options: WriteMatrixOptions): Promise<WriteMatrixResult> {
  const started = performance.now();
  const settings = checkWrite(options);
  const plan = await planWrite(options, settings);
  const { executor } = plan;
  try {
    const sink = await openSink(settings.output, options);
    const drained = await drain(plan, sink, settings, options);
    return {
      outputPath: "path" in sink ? sink.path : undefined,
      format: settings.format,
      executor: executor.name,
      threads: executor.threads,
      origins: plan.origins(),
      destinations: plan.destinations(),
      values: drained.values,
      bytes: drained.bytes,
      readMs: plan.readMs(),
      calcMs: drained.calcMs,
      totalMs: performance.now() - started,
      notes: [...executor.notes, ...plan.notes],
      skippedHeaders: plan.skippedHeaders,
    };
  } catch (error) {
    // A worker thread writing `.npy` tiles into the file may be the one that hit a full disk.
    throw typeof settings.output === "string" ? asOutputError(settings.output, error) : error;
  } finally {
    if (plan.owned) await executor.close();
  }
}
