import { abortError, listenForAbort } from "./_abort.ts";
import type { ResourceLimits, SpawnWorker } from "./_backend.ts";
import { crashError, lostError } from "./_crash.ts";
import { ErrorCode, ThreadPoolError } from "./_errors.ts";
import type { ResultMessage } from "./_protocol.ts";
import { reviveError } from "./_remote-error.ts";
import { newTaskId, type Task } from "./_task.ts";
import { FifoTaskQueue, type TaskQueue } from "./_task-queue.ts";
import { WorkerHandle } from "./_worker-handle.ts";

/** What the scheduler needs to know about the pool it serves. */
export interface SchedulerConfig {
  spawn: SpawnWorker;
  moduleUrl: string;
  name: string;
  size: number;
  pipeline: number;
  /** Average task time (ms) under which a worker's tasks count as short. */
  pipelineBelowMs: number;
  resourceLimits: ResourceLimits | undefined;
}

/** What a new task carries (see {@link Task}). */
export type TaskRequest = Pick<Task, "name" | "args" | "map" | "transfer" | "signal" | "group">;

/**
 * The internal pool: the queue, the workers, and the rules that move tasks between them
 * (dispatch, pipelining, crash recovery, abort). {@link ThreadPool} is the public face.
 */
export class Scheduler {
  readonly #config: SchedulerConfig;
  readonly #queue: TaskQueue<Task> = new FifoTaskQueue<Task>();
  #workers: WorkerHandle[] = [];
  readonly #ending = new Set<Promise<void>>();
  #spawned = 0;
  #active = 0;
  #completed = 0;
  #failed = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(config: SchedulerConfig) {
    this.#config = config;
  }

  get queued(): number {
    return this.#queue.size;
  }
  get active(): number {
    return this.#active;
  }
  get completed(): number {
    return this.#completed;
  }
  get failed(): number {
    return this.#failed;
  }
  get workers(): number {
    return this.#workers.length;
  }

  /** Queues a task (already validated) and returns its result. */
  submit(request: TaskRequest): Promise<unknown> {
    const { signal, name } = request;
    if (signal?.aborted) return Promise.reject(abortError(signal, name));
    return new Promise((resolve, reject) => {
      // Fields listed one by one: an object spread here cost ~3x the pool's whole per-task
      // overhead in the tiny-task benchmark (V8 builds spread objects slowly).
      const task: Task = {
        name,
        args: request.args,
        map: request.map,
        transfer: request.transfer,
        signal,
        group: request.group,
        id: newTaskId(),
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

  /** How many more tasks could be handed to workers right now without waiting. */
  room(): number {
    const { size, pipeline, pipelineBelowMs } = this.#config;
    let room = size - this.#workers.length;
    for (const h of this.#workers)
      if (!h.exclusive) room += Math.max(0, h.depth(pipeline, 1, pipelineBelowMs) - h.load);
    return room;
  }

  /** Rejects the still-queued tasks of a `map` call (after one of its chunks failed). */
  withdraw(group: object, error: unknown): void {
    for (const t of this.#queue.removeWhere((q) => q.group === group))
      this.#settle(t, false, error);
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#queue.size === 0 && this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Rejects everything queued or running with `errorFor(task)`, then ends the workers. */
  terminate(errorFor: (task: Task) => unknown): Promise<void> {
    const pending = this.#queue.removeWhere(() => true);
    for (const handle of this.#workers) pending.push(...handle.inFlight.splice(0));
    this.#active = 0;
    for (const task of pending) {
      task.handle = undefined;
      this.#settle(task, false, errorFor(task));
    }
    this.#notifyIdle();
    return this.endWorkers();
  }

  /** Ends every worker (and waits for those already ending). */
  async endWorkers(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all([...workers.map((h) => h.terminate().catch(() => {})), ...this.#ending]);
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

  /**
   * An idle worker first, then a new one, then the least-loaded busy one that may pipeline.
   * Tasks with a signal or transfer list only go to an idle worker (see README).
   */
  #pick(task: Task): WorkerHandle | undefined {
    const { pipeline, pipelineBelowMs, size } = this.#config;
    let best: WorkerHandle | undefined;
    const mustBeIdle = task.signal !== undefined || task.transfer !== undefined;
    // Long tasks get one task queued behind them only while every worker has more to come.
    const longDepth = this.#queue.size >= size ? 2 : 1;
    for (const handle of this.#workers) {
      if (handle.exclusive) continue;
      const load = handle.load;
      if (load === 0) return handle;
      if (
        !mustBeIdle &&
        load < handle.depth(pipeline, longDepth, pipelineBelowMs) &&
        (best === undefined || load < best.load)
      ) {
        best = handle;
      }
    }
    if (this.#workers.length < size) return this.#startWorker();
    return best;
  }

  #startWorker(): WorkerHandle {
    const { spawn, moduleUrl, name, resourceLimits } = this.#config;
    const handle = new WorkerHandle(
      spawn,
      moduleUrl,
      `${name}#${++this.#spawned}`,
      resourceLimits,
      {
        result: (h, message) => this.#onResult(h, message),
        exit: (h, error, exitCode) => this.#onCrash(h, error, exitCode),
        messageError: (h, error) => {
          const task = h.inFlight[0];
          if (task === undefined) return;
          const message = `@dmx/thread-pool: the result of task "${task.name}" could not be received: ${String(error)}`;
          this.#onResult(h, {
            id: task.id,
            ok: false,
            ms: 0,
            error: { kind: "pool", code: ErrorCode.DataClone, message },
          });
        },
      },
    );
    this.#workers.push(handle);
    return handle;
  }

  #onResult(handle: WorkerHandle, message: ResultMessage): void {
    const task = handle.takeAnswered(message.id, message.ms);
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
      // An abortable task runs alone in its worker, so nothing else is lost with it.
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
}
