import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ExecutorError } from "../_errors.ts";
import type { TileJob, TileOutput } from "../kernel/_tile-job.ts";
import type { Tile } from "../plan/_layout.ts";
import type { Executor, ExecutorRunOptions, TileResult } from "./_executor.ts";
import { ordered } from "./_ordered.ts";
import { taskModuleUrl } from "./_tasks.ts";

interface Pending {
  resolve(out: TileOutput): void;
  reject(error: unknown): void;
}

interface Child {
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly pending: Map<number, Pending>;
  jobId: number;
}

let nextJobId = 1;

/** Options of {@link processExecutor}. */
export interface ProcessExecutorOptions {
  /**
   * How long a child may take to answer, in ms: for a tile (from sending it), or to start
   * (with `undefined`). Default {@link defaultDeadlineMs}. A child that misses it (stopped with
   * `kill -STOP`, or stuck) fails the run, naming its pid and what it was doing, and is killed.
   */
  readonly deadlineMs?: ((tile: Tile | undefined) => number) | undefined;
}

/**
 * The default deadline: 30 s, plus 20 µs per value of the tile (≥ 10× what the slowest
 * metric, geodesic, takes here), so a 262,144-value tile gets 35 s. Only a child that has
 * stopped answering misses it; a slow machine does not.
 */
export function defaultDeadlineMs(tile: Tile | undefined): number {
  return 30_000 + (tile?.count ?? 0) * 0.02;
}

/** " (it is stopped)" when /proc says so (Linux), else "". */
function stateOf(pid: number | undefined): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state === "T" || state === "t" ? " (it is stopped, e.g. by SIGSTOP)" : "";
  } catch {
    return "";
  }
}

/** Rejects `work` if it has not settled within `ms`, after `onLate` (which gives the error). */
function within<T>(work: Promise<T>, ms: number, onLate: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onLate()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** `child_process.fork`, imported on first use (node:child_process loads ~50 internal modules). */
let forkFn: typeof import("node:child_process").fork | undefined;

/**
 * `process`: `threads` child processes (`child_process.fork`), the multiprocessing lesson.
 * Nothing is shared: each child gets its own copy of the points once per run, and every
 * tile's numbers travel back over IPC (V8 serialization). A child that dies fails the run
 * with `WORKER_CRASHED`; children exit by themselves if the parent goes away. A child that
 * does not answer within its deadline (see {@link ProcessExecutorOptions}) is killed and fails
 * the run with `WORKER_CRASHED`, naming its pid and the tile it was computing.
 */
export function processExecutor(threads: number, options: ProcessExecutorOptions = {}): Executor {
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
  let children: Child[] = [];
  let nextId = 1;
  const close = async () => {
    const list = children;
    children = [];
    await Promise.all(
      list.map(
        (child) =>
          new Promise<void>((resolve) => {
            const p = child.process;
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once("exit", () => resolve());
            p.kill("SIGKILL");
          }),
      ),
    );
  };
  const spawn = (fork: typeof import("node:child_process").fork): Child => {
    const entry = fileURLToPath(new URL("./_process-child.js", import.meta.url));
    const proc = fork(entry, [taskModuleUrl().href], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const pending = new Map<number, Pending>();
    const fail = (why: string) => {
      const error = new ExecutorError("WORKER_CRASHED", `process: a child process ${why}`);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      return error;
    };
    const ready = new Promise<void>((resolve, reject) => {
      proc.on(
        "message",
        (message: {
          ready?: boolean;
          id?: number;
          ok?: boolean;
          result?: TileOutput;
          message?: string;
        }) => {
          if (message.ready) return resolve();
          const p = pending.get(message.id!);
          if (!p) return;
          pending.delete(message.id!);
          if (message.ok) p.resolve(message.result!);
          else p.reject(new Error(`process: a task failed in a child: ${message.message}`));
        },
      );
      proc.once("exit", (code, signal) => reject(fail(`exited (${signal ?? `code ${code}`})`)));
      // Keep listening: a send to a child that just died emits "error" again.
      proc.on("error", (error) => reject(fail(`failed: ${error.message}`)));
    });
    ready.catch(() => {});
    return { process: proc, ready, pending, jobId: 0 };
  };
  /** The child missed a deadline: every tile waiting on it fails with one error; it is killed. */
  const hung = (child: Child, doing: string, ms: number): ExecutorError => {
    const pid = child.process.pid;
    const error = new ExecutorError(
      "WORKER_CRASHED",
      `process: child process ${pid} did not answer within ${(ms / 1000).toFixed(1)} s while ${doing}${stateOf(pid)}; it was killed and the run stopped`,
    );
    for (const p of child.pending.values()) p.reject(error);
    child.pending.clear();
    child.process.kill("SIGKILL");
    return error;
  };
  return {
    name: "process",
    threads,
    notes: [],
    async *run(job: TileJob, tiles: readonly Tile[], options: ExecutorRunOptions = {}) {
      forkFn ??= (await import("node:child_process")).fork;
      while (children.length < threads) children.push(spawn(forkFn));
      const jobId = nextJobId++;
      const target = options.target;
      let turn = 0;
      const submit = async (tile: Tile): Promise<TileResult> => {
        const child = children.reduce(
          (best, c) => (c.pending.size < best.pending.size ? c : best),
          children[turn++ % children.length]!,
        );
        const startMs = deadlineMs(undefined);
        await within(child.ready, startMs, () => hung(child, "starting", startMs));
        if (!child.process.connected) {
          throw new ExecutorError("WORKER_CRASHED", "process: a child process exited");
        }
        // Send errors (the child died meanwhile) surface through the child's "exit".
        const ignore = () => {};
        if (child.jobId !== jobId) {
          child.jobId = jobId;
          child.process.send({ type: "job", jobId, job }, ignore);
        }
        const id = nextId++;
        const ms = deadlineMs(tile);
        const doing = `computing tile ${tile.index} (rows ${tile.rowStart} to ${tile.rowEnd - 1}, ${tile.count} values)`;
        const answer = new Promise<TileOutput>((resolve, reject) => {
          child.pending.set(id, { resolve, reject });
          child.process.send({ type: "tile", id, jobId, tile }, ignore);
        });
        const out = await within(answer, ms, () => hung(child, doing, ms));
        if (target && out.values) {
          target.set(out.values, tile.offset);
          return { tile };
        }
        return { tile, ...out };
      };
      yield* ordered(tiles, threads * 2 + 1, submit, options.signal, close);
    },
    close,
  };
}
