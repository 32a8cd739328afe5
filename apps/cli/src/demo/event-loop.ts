import { availableParallelism } from "node:os";
import { calibrate, sleep, spin, timeIt } from "./_busy.ts";
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

/** The measured times of the three runs (the `--json` output). Times in milliseconds. */
export interface EventLoopDemoResult {
  readonly cores: number;
  readonly tasks: number;
  readonly ms: number;
  readonly threads: number;
  /** Work per busy task: `ms` times the calibrated speed of this machine's main thread. */
  readonly iterationsPerTask: number;
  /** {@link spin} iterations per ms, measured once at start on the main thread. */
  readonly iterationsPerMs: number;
  /** `tasks` sleeps started together and awaited together: the timers overlap. */
  readonly sleepMs: number;
  readonly sleepCpuMs: number;
  /** `tasks` busy tasks started together on the main thread: they run one after another. */
  readonly mainThreadBusyMs: number;
  readonly mainThreadBusyCpuMs: number;
  /** `tasks` busy tasks spread over `threads` worker threads: `ceil(tasks / threads)` rounds. */
  readonly workersBusyMs: number;
  /** CPU time of all threads during the workers' run: below threads × wall when they waited for a core. */
  readonly workersBusyCpuMs: number;
  /** Whether every task, on the main thread and in the workers, did exactly the same work. */
  readonly sameWork: boolean;
}

/**
 * Runs the event-loop demo: the same number of tasks slept, computed on the main thread,
 * computed in workers. A busy task is a fixed amount of work, calibrated once at start to take
 * `ms` on this machine's main thread; each run reports wall and CPU time.
 */
export async function runEventLoopDemo(
  options: EventLoopDemoOptions,
): Promise<EventLoopDemoResult> {
  const { tasks, ms } = options;
  const cores = availableParallelism();
  const threads = options.threads ?? cores;
  const ids = Array.from({ length: tasks }, (_, i) => i);
  const { iterationsPerMs } = calibrate();
  const iterations = Math.max(1, Math.round(iterationsPerMs * ms));

  options.onPhase?.("sleep", threads);
  const slept = await timeIt(() => Promise.all(ids.map(() => sleep(ms))));

  options.onPhase?.("mainThreadBusy", threads);
  // `async` does not make CPU work concurrent: each body runs to completion before the next.
  let mainResults: number[] = [];
  const main = await timeIt(async () => {
    mainResults = await Promise.all(ids.map(async () => spin(iterations)));
  });

  options.onPhase?.("workersBusy", threads);
  const workers = await busyInWorkers(tasks, iterations, threads);

  const r = (x: number) => Math.round(x * 10) / 10;
  const results = [...mainResults, ...workers.results];
  return {
    cores,
    tasks,
    ms,
    threads,
    iterationsPerTask: iterations,
    iterationsPerMs,
    sleepMs: r(slept.wallMs),
    sleepCpuMs: r(slept.cpuMs),
    mainThreadBusyMs: r(main.wallMs),
    mainThreadBusyCpuMs: r(main.cpuMs),
    workersBusyMs: r(workers.wallMs),
    workersBusyCpuMs: r(workers.cpuMs),
    sameWork: results.length === 2 * tasks && results.every((x) => x === results[0]),
  };
}
