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
  const hasTsxAlready = (g.process?.execArgv ?? []).some((/** @type {string} */ a) =>
    a.includes("tsx"),
  );
  if (isTs && nodeWithoutTypes && !hasTsxAlready) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  return import(url);
}
