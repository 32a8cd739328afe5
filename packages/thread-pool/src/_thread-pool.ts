import { isAbortSignal } from "./_abort.ts";
import {
  availableParallelism,
  type BackendKind,
  type ResourceLimits,
  selectBackend,
} from "./_backend.ts";
import { chunkCount, chunkSizeFor, joinChunks } from "./_chunks.ts";
import { PoolClosedError, QueueFullError } from "./_errors.ts";
import { arrayOption, intOption, invalidArgument, taskName, toModuleUrl } from "./_options.ts";
import { Scheduler, type TaskRequest } from "./_scheduler.ts";
import { PIPELINE_BELOW_MS } from "./_worker-handle.ts";

/**
 * The most workers a pool may have. Each worker is a thread with its own heap (~10 MB and a
 * start-up cost), so far more workers than cores only costs memory; a size such as `1e6` is
 * a mistake, refused with a clear error rather than exhausting the process.
 */
export const MAX_POOL_SIZE = 256;

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /**
   * Number of workers (started lazily, kept until close), 1 to {@link MAX_POOL_SIZE}.
   * Default: available parallelism (at most {@link MAX_POOL_SIZE}).
   */
  size?: number;
  /** Tasks allowed to wait; beyond it `run`/`map` reject with `QueueFullError`. Default ∞. */
  maxQueue?: number;
  /** Names the pool and its workers in error messages. Default `"thread-pool"`. */
  name?: string;
  /**
   * Most tasks one worker may hold (running plus waiting inside it) while its tasks are
   * short (under {@link ThreadPoolOptions.pipelineBelowMs}), so it never waits for the next
   * message; for longer tasks at most 2, and only while at least `size` tasks wait. 1 = no
   * pipelining. Tasks with a `signal` or `transfer` list are never queued inside a worker.
   * Default 4.
   */
  pipeline?: number;
  /**
   * A worker's tasks count as short, and it may hold up to `pipeline` of them, while their
   * average time (measured inside the worker) is under this many milliseconds. `Infinity`:
   * every task counts as short; `0`: none does. Default 0.5.
   */
  pipelineBelowMs?: number;
  /** Node only: `worker_threads` resource limits for each worker (ignored elsewhere). */
  resourceLimits?: ResourceLimits;
}

/** Options of {@link ThreadPool.run}. */
export interface ThreadPoolRunOptions {
  /** Objects moved, not copied, to the worker (`ArrayBuffer`, `MessagePort`, ...). */
  transfer?: Transferable[];
  /** Aborting removes the task from the queue, or ends and replaces the worker running it. */
  signal?: AbortSignal;
}

/** @deprecated Use {@link ThreadPoolRunOptions} (the name says whose options these are). */
export type RunOptions = ThreadPoolRunOptions;

/** Options of {@link ThreadPool.map}. */
export interface MapOptions {
  /** Items per message. Default: enough for about 8 chunks per worker. */
  chunkSize?: number;
  /** Aborts every chunk of the call (see {@link ThreadPoolRunOptions.signal}). */
  signal?: AbortSignal;
}

/** A snapshot of the pool's counters. A `map` chunk counts as one task. */
export interface ThreadPoolStats {
  /** Maximum number of workers. */
  size: number;
  /** Workers currently alive. */
  workers: number;
  /** Tasks waiting for a worker. */
  queued: number;
  /** Tasks held by workers (running or pipelined). */
  active: number;
  /** Tasks that resolved. */
  completed: number;
  /** Tasks that rejected: thrown, crashed, aborted, terminated or withdrawn. */
  failed: number;
}

/**
 * A pool of worker threads running the exported functions of one ES module.
 * `node:worker_threads` on Node, module Web Workers on Deno and in browsers.
 *
 * @example
 * ```ts
 * const pool = new ThreadPool(new URL("./tasks.js", import.meta.url), { size: 2 });
 * const sum = await pool.run("add", [1, 2]);
 * await pool.close();
 * ```
 */
export class ThreadPool {
  /** Maximum number of workers. */
  readonly size: number;
  /** Maximum number of waiting tasks. */
  readonly maxQueue: number;
  /** The pool's name, used in error messages. */
  readonly name: string;
  /** Tasks one worker may hold (see {@link ThreadPoolOptions.pipeline}). */
  readonly pipeline: number;
  /** Average task time (ms) under which tasks count as short (see {@link ThreadPoolOptions.pipelineBelowMs}). */
  readonly pipelineBelowMs: number;
  /** Absolute URL of the task module. */
  readonly moduleUrl: string;
  /** Which threads back the pool. */
  readonly backend: BackendKind;
  readonly #scheduler: Scheduler;
  #state: "open" | "closing" | "terminated" = "open";
  #closing: Promise<void> | undefined;

  /**
   * @param taskModule the module whose exports are the tasks: a `URL` (typically
   *   `new URL("./tasks.js", import.meta.url)`), a URL string or an absolute path.
   */
  constructor(taskModule: URL | string, options: ThreadPoolOptions = {}) {
    this.moduleUrl = toModuleUrl(taskModule);
    if (options === null || typeof options !== "object") {
      throw invalidArgument("new ThreadPool(taskModule, options): options must be an object");
    }
    this.size = intOption(
      "options.size",
      options.size,
      Math.min(availableParallelism(), MAX_POOL_SIZE),
      1,
    );
    if (this.size > MAX_POOL_SIZE) {
      throw invalidArgument(
        `options.size must be at most ${MAX_POOL_SIZE} workers (MAX_POOL_SIZE), got ${this.size}`,
      );
    }
    this.maxQueue = intOption("options.maxQueue", options.maxQueue, Infinity, 0, true);
    this.pipeline = intOption("options.pipeline", options.pipeline, 4, 1);
    const below = options.pipelineBelowMs ?? PIPELINE_BELOW_MS;
    if (typeof below !== "number" || Number.isNaN(below) || below < 0) {
      throw invalidArgument(
        `options.pipelineBelowMs must be a number >= 0 or Infinity, got ${String(below)}`,
      );
    }
    this.pipelineBelowMs = below;
    if (options.name !== undefined && typeof options.name !== "string") {
      throw invalidArgument("options.name must be a string");
    }
    this.name = options.name ?? "thread-pool";
    const backend = selectBackend();
    this.backend = backend.kind;
    this.#scheduler = new Scheduler({
      spawn: backend.spawn,
      moduleUrl: this.moduleUrl,
      name: this.name,
      size: this.size,
      pipeline: this.pipeline,
      pipelineBelowMs: this.pipelineBelowMs,
      resourceLimits: options.resourceLimits,
    });
  }

  /** Runs `task(...args)` in a worker; resolves with its (awaited) return value. */
  run<T = unknown>(
    task: string,
    args: readonly unknown[] = [],
    options: ThreadPoolRunOptions = {},
  ): Promise<T> {
    try {
      taskName("run", task);
      arrayOption("run: args", args);
      if (options.transfer !== undefined) arrayOption("run: options.transfer", options.transfer);
      if (options.signal !== undefined && !isAbortSignal(options.signal)) {
        throw invalidArgument("run: options.signal must be an AbortSignal");
      }
      this.#assertOpen(task);
      if (this.#scheduler.queued >= this.maxQueue && this.#scheduler.room() < 1) {
        throw new QueueFullError(
          `@dmx/thread-pool: pool "${this.name}" queue is full (maxQueue ${this.maxQueue}); wait for tasks to finish or raise maxQueue`,
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const { transfer, signal } = options;
    return this.#scheduler.submit({
      name: task,
      args,
      map: false,
      transfer,
      signal,
      group: undefined,
    }) as Promise<T>;
  }

  /**
   * Calls `task(item)` for every item, `chunkSize` items per message, and resolves with the
   * results in item order. The first failure rejects the call and withdraws its queued chunks.
   */
  async map<T, R = unknown>(
    task: string,
    items: readonly T[],
    options: MapOptions = {},
  ): Promise<R[]> {
    taskName("map", task);
    arrayOption("map: items", items);
    const chunkSize = chunkSizeFor(items.length, this.size, options.chunkSize);
    const { signal } = options;
    if (signal !== undefined && !isAbortSignal(signal)) {
      throw invalidArgument("map: options.signal must be an AbortSignal");
    }
    this.#assertOpen(task);
    if (items.length === 0) return [];
    const chunks = chunkCount(items.length, chunkSize);
    const waiting = this.#scheduler.queued;
    if (
      waiting + chunks > this.maxQueue &&
      this.#scheduler.room() < waiting + chunks - this.maxQueue
    ) {
      throw new QueueFullError(
        `@dmx/thread-pool: pool "${this.name}" queue cannot take ${chunks} chunks (maxQueue ${this.maxQueue}, ${waiting} waiting); raise chunkSize or maxQueue`,
      );
    }
    const group = {};
    const parts: Promise<unknown>[] = [];
    for (let i = 0; i < chunks; i++) {
      const args = items.slice(i * chunkSize, (i + 1) * chunkSize);
      const request: TaskRequest = {
        name: task,
        args,
        map: true,
        transfer: undefined,
        signal,
        group,
      };
      const part = this.#scheduler.submit(request);
      part.catch(() => {}); // the first rejection is reported through Promise.all below
      parts.push(part);
    }
    try {
      return joinChunks((await Promise.all(parts)) as R[][], items.length);
    } catch (error) {
      this.#scheduler.withdraw(group, error);
      throw error;
    }
  }

  /** Resolves once no task is queued or running (tasks submitted meanwhile included). */
  waitForCompletion(): Promise<void> {
    return this.#scheduler.idle();
  }

  /** Refuses new tasks, lets every submitted task finish, then ends the workers. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    if (this.#state === "terminated") return this.#scheduler.endWorkers();
    this.#state = "closing";
    this.#closing = this.#scheduler.idle().then(() => this.#scheduler.endWorkers());
    return this.#closing;
  }

  /** Ends the workers now; every queued or running task rejects with `PoolClosedError`. */
  terminate(): Promise<void> {
    this.#state = "terminated";
    return this.#scheduler.terminate(
      (task) =>
        new PoolClosedError(
          `@dmx/thread-pool: pool "${this.name}" was terminated before task "${task.name}" finished`,
        ),
    );
  }

  /** Counters at this instant. */
  get stats(): ThreadPoolStats {
    const s = this.#scheduler;
    return {
      size: this.size,
      workers: s.workers,
      queued: s.queued,
      active: s.active,
      completed: s.completed,
      failed: s.failed,
    };
  }

  #assertOpen(task: string): void {
    if (this.#state === "open") return;
    const how = this.#state === "closing" ? "closed" : "terminated";
    throw new PoolClosedError(
      `@dmx/thread-pool: pool "${this.name}" is ${how}; task "${task}" was not run`,
    );
  }
}
