import { abortError, isAbortSignal, listenForAbort } from "./_abort.ts";
import {
  availableParallelism,
  type BackendKind,
  type ResourceLimits,
  type SpawnWorker,
  selectBackend,
} from "./_backend.ts";
import { chunkCount, chunkSizeFor, joinChunks } from "./_chunks.ts";
import { crashError, lostError } from "./_crash.ts";
import { ErrorCode, PoolClosedError, QueueFullError, ThreadPoolError } from "./_errors.ts";
import { arrayOption, intOption, invalidArgument, taskName, toModuleUrl } from "./_options.ts";
import type { ResultMessage } from "./_protocol.ts";
import { reviveError } from "./_remote-error.ts";
import { newTaskId, type Task } from "./_task.ts";
import { FifoTaskQueue, type TaskQueue } from "./_task-queue.ts";
import { WorkerHandle } from "./_worker-handle.ts";

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Number of workers (started lazily, kept until close). Default: available parallelism. */
  size?: number;
  /** Tasks allowed to wait; beyond it `run`/`map` reject with `QueueFullError`. Default ∞. */
  maxQueue?: number;
  /** Names the pool and its workers in error messages. Default `"thread-pool"`. */
  name?: string;
  /**
   * Tasks a busy worker may hold beyond the one it runs, so it never waits for the next
   * message (1 = no pipelining). Tasks with a `signal` or `transfer` list are never queued
   * inside a worker. Default 4.
   */
  pipeline?: number;
  /** Node only: `worker_threads` resource limits for each worker (ignored elsewhere). */
  resourceLimits?: ResourceLimits;
}

/** Options of {@link ThreadPool.run}. */
export interface RunOptions {
  /** Objects moved, not copied, to the worker (`ArrayBuffer`, `MessagePort`, ...). */
  transfer?: Transferable[];
  /** Aborting removes the task from the queue, or ends and replaces the worker running it. */
  signal?: AbortSignal;
}

/** Options of {@link ThreadPool.map}. */
export interface MapOptions {
  /** Items per message. Default: enough for about 8 chunks per worker. */
  chunkSize?: number;
  /** Aborts every chunk of the call (see {@link RunOptions.signal}). */
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
  /** Absolute URL of the task module. */
  readonly moduleUrl: string;
  /** Which threads back the pool. */
  readonly backend: BackendKind;
  readonly #spawn: SpawnWorker;
  readonly #limits: ResourceLimits | undefined;
  readonly #queue: TaskQueue<Task> = new FifoTaskQueue<Task>();
  #workers: WorkerHandle[] = [];
  readonly #ending = new Set<Promise<void>>();
  #spawned = 0;
  #active = 0;
  #completed = 0;
  #failed = 0;
  #idleWaiters: (() => void)[] = [];
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
    this.size = intOption("options.size", options.size, availableParallelism(), 1);
    this.maxQueue = intOption("options.maxQueue", options.maxQueue, Infinity, 0, true);
    this.pipeline = intOption("options.pipeline", options.pipeline, 4, 1);
    if (options.name !== undefined && typeof options.name !== "string") {
      throw invalidArgument("options.name must be a string");
    }
    this.name = options.name ?? "thread-pool";
    this.#limits = options.resourceLimits;
    const backend = selectBackend();
    this.backend = backend.kind;
    this.#spawn = backend.spawn;
  }

  /** Runs `task(...args)` in a worker; resolves with its (awaited) return value. */
  run<T = unknown>(
    task: string,
    args: readonly unknown[] = [],
    options: RunOptions = {},
  ): Promise<T> {
    try {
      taskName("run", task);
      arrayOption("run: args", args);
      if (options.transfer !== undefined) arrayOption("run: options.transfer", options.transfer);
      if (options.signal !== undefined && !isAbortSignal(options.signal)) {
        throw invalidArgument("run: options.signal must be an AbortSignal");
      }
      if (this.#queue.size >= this.maxQueue && !this.#hasRoomFor(1)) {
        throw new QueueFullError(
          `@dmx/thread-pool: pool "${this.name}" queue is full (maxQueue ${this.maxQueue}); wait for tasks to finish or raise maxQueue`,
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#submit(
      task,
      args,
      false,
      options.transfer,
      options.signal,
      undefined,
    ) as Promise<T>;
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
    if (options.signal !== undefined && !isAbortSignal(options.signal)) {
      throw invalidArgument("map: options.signal must be an AbortSignal");
    }
    if (items.length === 0) return [];
    const chunks = chunkCount(items.length, chunkSize);
    if (
      this.#queue.size + chunks > this.maxQueue &&
      !this.#hasRoomFor(this.#queue.size + chunks - this.maxQueue)
    ) {
      throw new QueueFullError(
        `@dmx/thread-pool: pool "${this.name}" queue cannot take ${chunks} chunks (maxQueue ${this.maxQueue}, ${this.#queue.size} waiting); raise chunkSize or maxQueue`,
      );
    }
    const group = {};
    const parts: Promise<unknown>[] = [];
    for (let i = 0; i < chunks; i++) {
      const slice = items.slice(i * chunkSize, (i + 1) * chunkSize);
      const part = this.#submit(task, slice, true, undefined, options.signal, group);
      part.catch(() => {}); // the first rejection is reported through Promise.all below
      parts.push(part);
    }
    try {
      return joinChunks((await Promise.all(parts)) as R[][], items.length);
    } catch (error) {
      for (const t of this.#queue.removeWhere((q) => q.group === group))
        this.#settle(t, false, error);
      throw error;
    }
  }

  /** Resolves once no task is queued or running (tasks submitted meanwhile included). */
  waitForCompletion(): Promise<void> {
    if (this.#queue.size === 0 && this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Refuses new tasks, lets every submitted task finish, then ends the workers. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    if (this.#state === "terminated") return this.#endWorkers();
    this.#state = "closing";
    this.#closing = this.waitForCompletion().then(() => this.#endWorkers());
    return this.#closing;
  }

  /** Ends the workers now; every queued or running task rejects with `PoolClosedError`. */
  terminate(): Promise<void> {
    this.#state = "terminated";
    const pending = this.#queue.removeWhere(() => true);
    for (const handle of this.#workers) pending.push(...handle.inFlight.splice(0));
    this.#active = 0;
    for (const task of pending) {
      task.handle = undefined;
      const error = new PoolClosedError(
        `@dmx/thread-pool: pool "${this.name}" was terminated before task "${task.name}" finished`,
      );
      this.#settle(task, false, error);
    }
    this.#notifyIdle();
    return this.#endWorkers();
  }

  /** Counters at this instant. */
  get stats(): ThreadPoolStats {
    return {
      size: this.size,
      workers: this.#workers.length,
      queued: this.#queue.size,
      active: this.#active,
      completed: this.#completed,
      failed: this.#failed,
    };
  }

  #submit(
    name: string,
    args: readonly unknown[],
    map: boolean,
    transfer: readonly Transferable[] | undefined,
    signal: AbortSignal | undefined,
    group: object | undefined,
  ): Promise<unknown> {
    if (this.#state !== "open") {
      const how = this.#state === "closing" ? "closed" : "terminated";
      return Promise.reject(
        new PoolClosedError(
          `@dmx/thread-pool: pool "${this.name}" is ${how}; task "${name}" was not run`,
        ),
      );
    }
    if (signal?.aborted) return Promise.reject(abortError(signal, name));
    return new Promise((resolve, reject) => {
      const task: Task = {
        id: newTaskId(),
        name,
        args,
        map,
        transfer,
        signal,
        group,
        resolve,
        reject,
        handle: undefined,
        stopListening: undefined,
        settled: false,
      };
      if (signal) task.stopListening = listenForAbort(signal, () => this.#abort(task));
      this.#queue.push(task);
      this.#pump();
    });
  }

  /** Hands queued tasks, oldest first, to workers that can take them. */
  #pump(): void {
    while (this.#queue.size > 0) {
      const task = this.#queue.peek()!;
      const handle = this.#pick(task);
      if (handle === undefined) return;
      this.#queue.shift();
      try {
        handle.send(task);
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        const message = `@dmx/thread-pool: the arguments of task "${task.name}" cannot be sent to a worker: ${why}`;
        this.#settle(task, false, new ThreadPoolError(ErrorCode.DataClone, message, { cause }));
        continue;
      }
      task.handle = handle;
      this.#active++;
    }
  }

  /** An idle worker first, then a new one, then the least-loaded busy one (pipelining). */
  #pick(task: Task): WorkerHandle | undefined {
    let best: WorkerHandle | undefined;
    const mustBeIdle = task.signal !== undefined || task.transfer !== undefined;
    for (const handle of this.#workers) {
      if (handle.exclusive) continue;
      const load = handle.load;
      if (load === 0) return handle;
      if (!mustBeIdle && load < this.pipeline && (best === undefined || load < best.load)) {
        best = handle;
      }
    }
    if (this.#workers.length < this.size) return this.#startWorker();
    return best;
  }

  #hasRoomFor(count: number): boolean {
    let room = (this.size - this.#workers.length) * this.pipeline;
    for (const h of this.#workers) if (!h.exclusive) room += this.pipeline - h.load;
    return room >= count;
  }

  #startWorker(): WorkerHandle {
    const handle = new WorkerHandle(
      this.#spawn,
      this.moduleUrl,
      `${this.name}#${++this.#spawned}`,
      this.#limits,
      {
        result: (h, message) => this.#onResult(h, message),
        exit: (h, error, exitCode) => this.#onCrash(h, error, exitCode),
        messageError: (h, error) => {
          const task = h.inFlight[0];
          if (task === undefined) return;
          this.#onResult(h, {
            id: task.id,
            ok: false,
            error: {
              kind: "pool",
              code: ErrorCode.DataClone,
              message: `@dmx/thread-pool: the result of task "${task.name}" could not be received: ${String(error)}`,
            },
          });
        },
      },
    );
    this.#workers.push(handle);
    return handle;
  }

  #onResult(handle: WorkerHandle, message: ResultMessage): void {
    const task = handle.takeAnswered(message.id);
    if (task === undefined) return;
    task.handle = undefined;
    this.#active--;
    if (message.ok) this.#settle(task, true, message.value);
    else this.#settle(task, false, reviveError(message.error));
    this.#pump();
    this.#notifyIdle();
  }

  /** A worker died by itself: blame only the task it was running, requeue the rest. */
  #onCrash(handle: WorkerHandle, error: unknown, exitCode: number | undefined): void {
    if (!this.#retire(handle)) return;
    let blamed = handle.runningTask();
    // A worker that never answered died starting up: blame its first task so a worker that
    // cannot start does not loop forever.
    if (blamed === null && !handle.answered) blamed = handle.inFlight[0];
    const held = handle.inFlight.splice(0);
    this.#active -= held.length;
    const requeue: Task[] = [];
    for (const task of held) {
      task.handle = undefined;
      if (task === blamed)
        this.#settle(task, false, crashError(handle.name, task, error, exitCode));
      else if (task.transfer) this.#settle(task, false, lostError(handle.name, task));
      else requeue.push(task);
    }
    this.#queue.unshiftAll(requeue);
    this.#pump();
    this.#notifyIdle();
  }

  #abort(task: Task): void {
    if (task.settled) return;
    const error = abortError(task.signal!, task.name);
    const handle = task.handle;
    if (handle === undefined) {
      this.#queue.remove(task);
    } else {
      // The worker may be deep in synchronous code: the only way to stop it is to end it.
      this.#retire(handle);
      const held = handle.inFlight.splice(0);
      this.#active -= held.length;
      for (const t of held) t.handle = undefined;
      this.#queue.unshiftAll(held.filter((t) => t !== task));
    }
    this.#settle(task, false, error);
    this.#pump();
    this.#notifyIdle();
  }

  /** Removes a worker from the pool and ends it; false if it was already gone. */
  #retire(handle: WorkerHandle): boolean {
    const index = this.#workers.indexOf(handle);
    if (index < 0) return false;
    this.#workers.splice(index, 1);
    const ending = handle.terminate().catch(() => {});
    this.#ending.add(ending);
    ending.then(() => this.#ending.delete(ending));
    return true;
  }

  #settle(task: Task, ok: boolean, value: unknown): void {
    if (task.settled) return;
    task.settled = true;
    task.stopListening?.();
    if (ok) {
      this.#completed++;
      task.resolve(value);
    } else {
      this.#failed++;
      task.reject(value);
    }
  }

  #notifyIdle(): void {
    if (this.#idleWaiters.length === 0 || this.#queue.size > 0 || this.#active > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #endWorkers(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    this.#state = this.#state === "open" ? "closing" : this.#state;
    await Promise.all([...workers.map((h) => h.terminate().catch(() => {})), ...this.#ending]);
  }
}
