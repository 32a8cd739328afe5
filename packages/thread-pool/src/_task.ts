import type { WorkerHandle } from "./_worker-handle.ts";

/** One unit of work the pool schedules: a `run` call, or one chunk of a `map` call. */
export interface Task {
  readonly id: number;
  readonly name: string;
  /** The call's arguments, or with `map`, the chunk's items. */
  readonly args: readonly unknown[];
  readonly map: boolean;
  readonly transfer: readonly Transferable[] | undefined;
  readonly signal: AbortSignal | undefined;
  /** Chunks of one `map` call share a group, so a failure can withdraw the others. */
  readonly group: object | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** The worker holding the task, once dispatched. */
  handle: WorkerHandle | undefined;
  stopListening: (() => void) | undefined;
  settled: boolean;
}

let nextId = 0;

/** Task ids fit an Int32 (they are written to shared memory) and are never 0 (= idle). */
export function newTaskId(): number {
  nextId = nextId >= 0x7fffffff ? 1 : nextId + 1;
  return nextId;
}
