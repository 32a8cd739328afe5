import { spawnNodeWorker } from "./_backend-node.ts";
import { spawnWebWorker } from "./_backend-web.ts";
import { ErrorCode, ThreadPoolError } from "./_errors.ts";
import type { WorkerInit } from "./_protocol.ts";

/** What the pool needs from a thread, whatever the runtime. */
export interface RawWorker {
  post(message: unknown, transfer: readonly Transferable[] | undefined): void;
  /** Ends the worker now; no crash is reported for it afterwards. */
  terminate(): Promise<void>;
  /** Node only: let an idle worker not keep the process alive (no-op elsewhere). */
  ref(): void;
  unref(): void;
}

/** Events a raw worker reports to its owner. */
export interface RawWorkerEvents {
  message(data: unknown): void;
  /** The worker died on its own (not through `terminate`). */
  exit(error: unknown, exitCode: number | undefined): void;
  /** A message from the worker could not be deserialized. */
  messageError(error: unknown): void;
}

/** Node-only limits for each worker (see `worker_threads` `resourceLimits`). */
export interface ResourceLimits {
  maxOldGenerationSizeMb?: number;
  maxYoungGenerationSizeMb?: number;
  codeRangeSizeMb?: number;
  stackSizeMb?: number;
}

/** Starts one worker running `_worker-entry.js`. */
export type SpawnWorker = (
  init: WorkerInit,
  events: RawWorkerEvents,
  resourceLimits: ResourceLimits | undefined,
) => RawWorker;

/** The name of the backend in use. */
export type BackendKind = "worker_threads" | "web";

interface NodeProcessLike {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * Node (and Bun) → `node:worker_threads`, loaded through `process.getBuiltinModule` so no
 * `node:` import appears at the top of any module (the package bundles for browsers).
 * Deno and browsers → Web Workers.
 */
export function selectBackend(): { kind: BackendKind; spawn: SpawnWorker } {
  const g = globalThis as { Deno?: unknown; process?: NodeProcessLike; Worker?: unknown };
  const proc = g.process;
  if (g.Deno === undefined && proc?.versions?.node && typeof proc.getBuiltinModule === "function") {
    const wt = proc.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
    return {
      kind: "worker_threads",
      spawn: (init, events, limits) => spawnNodeWorker(wt, init, events, limits),
    };
  }
  if (typeof g.Worker === "function") return { kind: "web", spawn: spawnWebWorker };
  throw new ThreadPoolError(
    ErrorCode.InvalidArgument,
    "@dmx/thread-pool: this runtime has neither node:worker_threads nor Web Workers",
  );
}

/** Number of threads the machine can run in parallel (at least 1). */
export function availableParallelism(): number {
  const g = globalThis as {
    navigator?: { hardwareConcurrency?: number };
    process?: NodeProcessLike;
  };
  const fromNavigator = g.navigator?.hardwareConcurrency;
  if (typeof fromNavigator === "number" && fromNavigator > 0) return fromNavigator;
  const os = g.process?.getBuiltinModule?.("node:os") as typeof import("node:os") | undefined;
  const fromOs = os?.availableParallelism?.();
  return typeof fromOs === "number" && fromOs > 0 ? fromOs : 1;
}
