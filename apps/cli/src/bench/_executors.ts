import {
  computeMatrix,
  createExecutor,
  type Executor,
  type ExecutorName,
  executorNames,
  sharedArray,
} from "@dmx/executors";
import type { MetricName } from "@dmx/geo";
import type { MatrixRunner } from "./_measure.ts";

/** A {@link MatrixRunner} over `@dmx/executors`' public API, plus the names it knows and a close. */
export interface OpenRunner extends MatrixRunner {
  readonly names: readonly string[];
  close(): Promise<void>;
}

/**
 * Opens the executors for `dmx bench`. Each executor is created once (on first use) and passed
 * to `computeMatrix`, which reuses it: its workers stay warm across sizes and runs, so after
 * the warm-up the timed runs measure `computeMatrix`'s compute phase, not worker start-up. The
 * condensed matrix goes into one output array per size, reused across runs (a SharedArrayBuffer
 * for `shared`), so no run pays the page faults of a fresh 400 MB allocation.
 */
export function openRunner(threads: number | undefined, metric: MetricName): OpenRunner {
  const open = new Map<string, Executor>();
  const outputs = new Map<string, Float64Array>();
  const output = (n: number, shared: boolean) => {
    const key = `${n}:${shared}`;
    let out = outputs.get(key);
    if (!out) {
      const size = (n * (n - 1)) / 2;
      out = shared ? (sharedArray("float64", size) as Float64Array) : new Float64Array(size);
      outputs.clear(); // sizes grow: keep one at a time
      outputs.set(key, out);
    }
    return out;
  };
  return {
    names: executorNames,
    async compute(name, places, signal) {
      let executor = open.get(name);
      if (!executor) {
        executor = await createExecutor(name as ExecutorName, { threads });
        open.set(name, executor);
      }
      const t0 = performance.now();
      const out = output(places.names.length, name === "shared");
      await computeMatrix({ origins: places, metric }, { executor, signal, out });
      return { ms: performance.now() - t0, threads: executor.threads, notes: executor.notes };
    },
    async close() {
      const executors = [...open.values()];
      open.clear();
      outputs.clear();
      await Promise.all(executors.map((e) => e.close()));
    },
  };
}
