import {
  computeMatrix,
  createExecutor,
  type Executor,
  type ExecutorName,
  executorNames,
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
 * the warm-up the timed runs measure `computeMatrix`'s compute phase (the condensed matrix into
 * a fresh array; a SharedArrayBuffer for `shared`), not worker start-up.
 */
export function openRunner(threads: number | undefined, metric: MetricName): OpenRunner {
  const open = new Map<string, Executor>();
  return {
    names: executorNames,
    async compute(name, places, signal) {
      let executor = open.get(name);
      if (!executor) {
        executor = await createExecutor(name as ExecutorName, { threads });
        open.set(name, executor);
      }
      const t0 = performance.now();
      await computeMatrix({ origins: places, metric }, { executor, signal });
      return { ms: performance.now() - t0, threads: executor.threads, notes: executor.notes };
    },
    async close() {
      const executors = [...open.values()];
      open.clear();
      await Promise.all(executors.map((e) => e.close()));
    },
  };
}
