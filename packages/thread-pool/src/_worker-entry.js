// @ts-check
// The code that runs inside every pool worker. Plain JavaScript on purpose: Node 20 worker
// threads neither inherit loader hooks nor strip types, so this file must run as is.
// It receives tasks in order, runs them one at a time, and answers each with a result message
// in the same order. Types are checked by tsc through JSDoc (`checkJs`).

/** @typedef {import("./_protocol.ts").WorkerInit} WorkerInit */
/** @typedef {import("./_protocol.ts").TaskMessage} TaskMessage */
/** @typedef {import("./_protocol.ts").SerializedError} SerializedError */
/** @typedef {import("./_protocol.ts").ResultMessage} ResultMessage */
import { loadTaskModule } from "./_load-module.js";
import { serializeError } from "./_worker-serialize.js";

/** @typedef {{ versions?: { node?: string }, version?: string, features?: { typescript?: unknown }, getBuiltinModule?: (id: string) => any }} ProcessLike */

const g =
  /** @type {{ process?: ProcessLike, Deno?: unknown, Bun?: unknown, WorkerGlobalScope?: unknown, postMessage?: unknown, addEventListener?: unknown }} */ (
    /** @type {unknown} */ (globalThis)
  );
const isWeb = g.WorkerGlobalScope !== undefined;

/** @type {(message: ResultMessage) => void} */
let post;
/** @type {Int32Array | undefined} */
let state;
/** @type {Record<string, unknown> | undefined} */
let tasks;
/** @type {SerializedError | undefined} */
let loadError;
/** @type {TaskMessage[]} */
let pending = [];
let head = 0;
let busy = true; // until the task module has loaded

if (isWeb) {
  const scope =
    /** @type {{ postMessage(m: unknown): void, onmessage: ((e: MessageEvent) => void) | null }} */ (
      /** @type {unknown} */ (globalThis)
    );
  post = (message) => scope.postMessage(message);
  if (g.Deno !== undefined) reportCrashes(scope);
  scope.onmessage = (event) => {
    const data = event.data;
    if (data && typeof data === "object" && "init" in data) start(data.init);
    else receive(data);
  };
} else {
  const wt = g.process?.getBuiltinModule?.("node:worker_threads");
  const port = wt?.parentPort;
  if (!port) throw new Error("@dmx/thread-pool: _worker-entry.js must be started by ThreadPool");
  post = (message) => port.postMessage(message);
  port.on("message", receive);
  start(wt.workerData);
}

/**
 * Deno prints an uncaught error of a Web Worker to stderr even when the pool handles it (the
 * parent's `preventDefault` does not stop that), so under Deno the worker catches it itself,
 * sends it as a `{ crash }` message (the pool reports it as a crash, as for an `error`
 * event) and ends.
 * @param {any} scope the worker's global scope
 */
function reportCrashes(scope) {
  scope.addEventListener("error", (/** @type {ErrorEvent} */ event) => {
    event.preventDefault();
    const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : "";
    const error =
      event.error instanceof Error ? event.error : new Error(`${event.message}${where}`);
    scope.postMessage({ crash: serializeError(error, 0, true) });
    scope.close();
  });
}

/** @param {WorkerInit} init */
function start(init) {
  state = init.state;
  loadTaskModule(init.moduleUrl).then(
    (mod) => {
      tasks = mod;
      busy = false;
      drain();
    },
    (error) => {
      const message = error instanceof Error ? error.message : String(error);
      loadError = {
        kind: "pool",
        code: "ERR_TASK_MODULE_LOAD",
        message: message.startsWith("@dmx/thread-pool")
          ? message
          : `@dmx/thread-pool: cannot load task module ${init.moduleUrl}: ${message}`,
      };
      busy = false;
      drain();
    },
  );
}

/** @param {TaskMessage} message */
function receive(message) {
  pending.push(message);
  if (!busy) drain();
}

/** Runs queued tasks in order; sync tasks back to back, async ones one at a time. */
function drain() {
  while (head < pending.length) {
    const message = /** @type {TaskMessage} */ (pending[head]);
    pending[head++] = /** @type {any} */ (undefined);
    if (head === pending.length) {
      pending = [];
      head = 0;
    }
    if (state) Atomics.store(state, 0, message.id);
    const started = performance.now();
    /** @type {unknown} */
    let result;
    try {
      result = execute(message);
    } catch (error) {
      fail(message, error, performance.now() - started);
      continue;
    }
    if (isThenable(result)) {
      busy = true;
      result.then(
        (value) => {
          succeed(message, value, performance.now() - started);
          busy = false;
          drain();
        },
        (error) => {
          fail(message, error, performance.now() - started);
          busy = false;
          drain();
        },
      );
      return;
    }
    succeed(message, result, performance.now() - started);
  }
}

/**
 * @param {TaskMessage} message
 * @returns {unknown}
 */
function execute(message) {
  if (loadError) throw loadError;
  const fn = tasks?.[message.name];
  if (typeof fn !== "function") {
    const names = Object.keys(tasks ?? {}).filter((k) => typeof tasks?.[k] === "function");
    throw /** @type {SerializedError} */ ({
      kind: "pool",
      code: "ERR_UNKNOWN_TASK",
      message: `@dmx/thread-pool: the task module has no exported function "${message.name}" (it exports: ${names.join(", ") || "no functions"})`,
    });
  }
  if (!message.map) return fn(...message.args);
  const items = message.args;
  const out = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const value = fn(items[i]);
    if (isThenable(value)) return mapRest(fn, items, out, i, value);
    out[i] = value;
  }
  return out;
}

/**
 * Continues a map chunk once an item returned a promise: items run one after another.
 * @param {Function} fn
 * @param {readonly unknown[]} items
 * @param {unknown[]} out
 * @param {number} i
 * @param {PromiseLike<unknown>} first
 */
async function mapRest(fn, items, out, i, first) {
  out[i] = await first;
  for (let j = i + 1; j < items.length; j++) out[j] = await fn(items[j]);
  return out;
}

/**
 * @param {unknown} value
 * @returns {value is PromiseLike<unknown>}
 */
function isThenable(value) {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (/** @type {{ then?: unknown }} */ (value).then) === "function"
  );
}

/**
 * @param {TaskMessage} message
 * @param {unknown} value
 * @param {number} ms
 */
function succeed(message, value, ms) {
  try {
    post({ id: message.id, ok: true, value, ms });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    post({
      id: message.id,
      ok: false,
      ms,
      error: {
        kind: "pool",
        code: "ERR_DATA_CLONE",
        message: `@dmx/thread-pool: task "${message.name}" returned a value that cannot be sent back to the main thread: ${why}`,
      },
    });
  }
  if (state) Atomics.store(state, 0, 0);
}

/**
 * @param {TaskMessage} message
 * @param {unknown} error
 * @param {number} ms
 */
function fail(message, error, ms) {
  const serialized = serializeError(error, 0);
  try {
    post({ id: message.id, ok: false, error: serialized, ms });
  } catch {
    // Some property or the thrown value itself is not cloneable: keep what always is.
    post({ id: message.id, ok: false, error: serializeError(error, 0, true), ms });
  }
  if (state) Atomics.store(state, 0, 0);
}
