import type { RawWorker, ResourceLimits, SpawnWorker } from "./_backend.ts";
import type { ResultMessage, TaskMessage } from "./_protocol.ts";
import type { Task } from "./_task.ts";

/** Default average task time (ms) under which a worker's tasks are pipelined. */
export const PIPELINE_BELOW_MS = 0.5;

/** What a {@link WorkerHandle} reports to the pool. */
export interface WorkerHandleEvents {
  result(handle: WorkerHandle, message: ResultMessage): void;
  exit(handle: WorkerHandle, error: unknown, exitCode: number | undefined): void;
  messageError(handle: WorkerHandle, error: unknown): void;
}

/**
 * The main-thread side of one worker: the tasks it holds, in the order it will answer them
 * (it runs them one at a time), and which one it is running right now.
 */
export class WorkerHandle {
  readonly name: string;
  /** Tasks sent and not yet answered, oldest first. */
  readonly inFlight: Task[] = [];
  /** Holds a task that may be aborted: nothing else is sent until it settles. */
  exclusive = false;
  /** The worker has answered at least one task (so it started fine). */
  answered = false;
  /** Moving average of how long this worker spends per task, in ms (undefined: no data). */
  #taskMs: number | undefined;
  readonly #raw: RawWorker;
  readonly #state: Int32Array | undefined;
  #referenced = true;

  constructor(
    spawn: SpawnWorker,
    moduleUrl: string,
    name: string,
    resourceLimits: ResourceLimits | undefined,
    events: WorkerHandleEvents,
  ) {
    this.name = name;
    this.#state =
      typeof SharedArrayBuffer === "function"
        ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
        : undefined;
    this.#raw = spawn(
      { moduleUrl, name, state: this.#state },
      {
        message: (data) => events.result(this, data as ResultMessage),
        exit: (error, exitCode) => events.exit(this, error, exitCode),
        messageError: (error) => events.messageError(this, error),
      },
      resourceLimits,
    );
    this.#setReferenced(false);
  }

  /**
   * How many tasks this worker may hold. While its tasks are short (average under
   * `shortMs`, by default {@link PIPELINE_BELOW_MS}, measured in the worker), up to `pipeline`: the worker never
   * waits for its next message. Once they are long, `longDepth` (1, or 2 while the pool's
   * queue is long, so the next task is already there when the current one ends, without
   * hurting load balance near the end). No data yet (no answer so far): 1.
   */
  depth(pipeline: number, longDepth: number, shortMs: number): number {
    if (this.#taskMs === undefined) return 1;
    return Math.min(pipeline, this.#taskMs < shortMs ? pipeline : longDepth);
  }

  /** Number of tasks sent and not yet answered. */
  get load(): number {
    return this.inFlight.length;
  }

  /** Sends a task; throws (and holds nothing) if its arguments cannot be cloned. */
  send(task: Task): void {
    const message: TaskMessage = { id: task.id, name: task.name, args: task.args, map: task.map };
    this.#raw.post(message, task.transfer);
    this.inFlight.push(task);
    if (task.signal) this.exclusive = true;
    this.#setReferenced(true);
  }

  /** Removes and returns a task after its answer arrived; `ms` = time the worker spent on it. */
  takeAnswered(id: number, ms: number): Task | undefined {
    this.answered = true;
    const index = this.inFlight[0]?.id === id ? 0 : this.inFlight.findIndex((t) => t.id === id);
    if (index < 0) return undefined;
    const [task] = this.inFlight.splice(index, 1);
    this.#taskMs = this.#taskMs === undefined ? ms : this.#taskMs * 0.8 + ms * 0.2;
    if (this.inFlight.length === 0) {
      this.exclusive = false;
      this.#setReferenced(false);
    }
    return task;
  }

  /**
   * The task the worker is executing right now: read from shared memory when available
   * (`null` = idle between tasks), otherwise assumed to be the oldest one it holds.
   */
  runningTask(): Task | null | undefined {
    if (this.#state === undefined) return this.inFlight[0];
    const id = Atomics.load(this.#state, 0);
    if (id === 0) return null;
    return this.inFlight.find((t) => t.id === id) ?? null;
  }

  /** Ends the worker now. */
  terminate(): Promise<void> {
    return this.#raw.terminate();
  }

  // Node: only a worker holding tasks keeps the process alive, so a forgotten pool does not
  // hang the program; close() is still the clean way out.
  #setReferenced(on: boolean): void {
    if (on === this.#referenced) return;
    this.#referenced = on;
    if (on) this.#raw.ref();
    else this.#raw.unref();
  }
}
