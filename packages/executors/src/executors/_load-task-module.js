// Loads the executors' task module inside a worker thread or child process. Plain
// JavaScript on purpose: Node 20 workers neither inherit loader hooks nor strip types, so a
// `.ts` module (running from src/, in tests) needs tsx registered here first.

/**
 * @param {string} url the task module (`_tasks.ts` from src, `_tasks.js` from dist)
 * @returns {Promise<Record<string, Function>>}
 */
export async function loadTaskModule(url) {
  const g = /** @type {any} */ (globalThis);
  const isTs = /\.[mc]?ts$/.test(new URL(url).pathname);
  const nodeWithoutTypes =
    g.Deno === undefined &&
    g.Bun === undefined &&
    g.process?.versions?.node !== undefined &&
    !g.process.features?.typescript;
  // A child process inherits `--import tsx` and its hooks; a worker thread sees the same
  // execArgv but not the hooks, so it must register tsx itself.
  const { isMainThread } = await import("node:worker_threads");
  const hasTsxAlready =
    isMainThread &&
    (g.process?.execArgv ?? []).some((/** @type {string} */ a) => a.includes("tsx"));
  if (isTs && nodeWithoutTypes && !hasTsxAlready) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  return import(url);
}
