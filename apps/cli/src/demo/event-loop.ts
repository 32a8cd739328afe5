import { availableParallelism } from "node:os";
import { busyWait, sleep, timeIt } from "./_busy.ts";
import { busyInWorkers } from "./_workers.ts";

/** What `dmx demo event-loop` runs: `tasks` tasks of `ms` milliseconds each. */
export interface EventLoopDemoOptions {
  readonly tasks: number;
  readonly ms: number;
  /** Worker threads for the third run (default: the number of cores). */
  readonly threads?: number;
  /** Called before each of the three runs starts (for progress lines). */
  readonly onPhase?: (phase: EventLoopPhase, threads: number) => void;
}

/** The three runs of the demo, in the order they happen. */
export type EventLoopPhase = "sleep" | "mainThreadBusy" | "workersBusy";

/** The measured wall times of the three runs (the `--json` output). */
export interface EventLoopDemoResult {
  readonly cores: number;
  readonly tasks: number;
  readonly ms: number;
  readonly threads: number;
  /** `tasks` sleeps started together and awaited together: the timers overlap. */
  readonly sleepMs: number;
  /** `tasks` busy loops started together on the main thread: they run one after another. */
  readonly mainThreadBusyMs: number;
  /** `tasks` busy loops spread over `threads` worker threads: `ceil(tasks / threads)` rounds. */
  readonly workersBusyMs: number;
}

/** Runs the event-loop demo: the same number of tasks slept, spun on the main thread, spun in workers. */
export async function runEventLoopDemo(
  options: EventLoopDemoOptions,
): Promise<EventLoopDemoResult> {
  const { tasks, ms } = options;
  const cores = availableParallelism();
  const threads = options.threads ?? cores;
  const ids = Array.from({ length: tasks }, (_, i) => i);

  options.onPhase?.("sleep", threads);
  const sleepMs = await timeIt(() => Promise.all(ids.map(() => sleep(ms))));

  options.onPhase?.("mainThreadBusy", threads);
  // `async` does not make CPU work concurrent: each body runs to completion before the next.
  const mainThreadBusyMs = await timeIt(() => Promise.all(ids.map(async () => busyWait(ms))));

  options.onPhase?.("workersBusy", threads);
  const workersBusyMs = await busyInWorkers(tasks, ms, threads);

  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    cores,
    tasks,
    ms,
    threads,
    sleepMs: r(sleepMs),
    mainThreadBusyMs: r(mainThreadBusyMs),
    workersBusyMs: r(workersBusyMs),
  };
}
