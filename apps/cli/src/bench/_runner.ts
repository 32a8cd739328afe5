import { performance } from "node:perf_hooks";
import type { Executor, ExecutorName } from "@dmx/executors";
import { createExecutor, executorNames, planTiles, sharedArray } from "@dmx/executors";
import { allocate, DEFAULT_TILE_VALUES } from "@dmx/executors/internal";
import type { MatrixRunner } from "./_measure.ts";

/** A {@link MatrixRunner} over `@dmx/executors`, plus the names it knows and a close. */
export interface OpenRunner extends MatrixRunner {
  readonly names: readonly string[];
  close(): Promise<void>;
}

/**
 * Opens the executors for `dmx bench`. Each executor is created once (on first use) and kept
 * for all sizes and runs, so its workers are warm after the warm-up run, and the output
 * array of a size is allocated once: the timed runs measure the compute phase (condensed
 * matrix into memory; a SharedArrayBuffer for `shared`), not worker start-up or page faults. This is the same work `computeMatrix` does, minus creating and
 * closing the executor around every call.
 */
export async function openRunner(threads: number | undefined): Promise<OpenRunner> {
  const open = new Map<string, Executor>();
  const get = async (name: string) => {
    let executor = open.get(name);
    if (!executor) {
      executor = await createExecutor(name as ExecutorName, { threads });
      open.set(name, executor);
    }
    return executor;
  };
  // One output array per kind (shared or not), reused across runs of the same size: the
  // timed runs measure computing into memory that is already there, as the C reference does.
  const outputs = new Map<boolean, Float64Array | Float32Array>();
  const output = (shared: boolean, length: number) => {
    let out = outputs.get(shared);
    if (out?.length !== length) {
      outputs.delete(shared);
      out = shared ? sharedArray("float64", length) : allocate("float64", length);
      outputs.set(shared, out);
    }
    return out;
  };
  return {
    names: executorNames,
    async compute(name, places, signal) {
      const executor = await get(name);
      const n = places.lat.length;
      const pairs = (n * (n - 1)) / 2;
      const out = output(name === "shared", pairs);
      const t0 = performance.now();
      const tiles = planTiles("condensed", n, n, DEFAULT_TILE_VALUES);
      const job = {
        kernel: { layout: "condensed", origins: places, options: {} },
        dtype: "float64",
      } as const;
      for await (const result of executor.run(job, tiles, { signal, target: out })) {
        if (result.values) out.set(result.values, result.tile.offset);
      }
      const ms = performance.now() - t0;
      return { ms, threads: executor.threads, notes: executor.notes };
    },
    async close() {
      const executors = [...open.values()];
      open.clear();
      outputs.clear();
      await Promise.all(executors.map((e) => e.close()));
    },
  };
}
