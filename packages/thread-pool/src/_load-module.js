// @ts-check
// Loads a task module inside a worker thread, a Web Worker or a child process: the one tsx
// loader of the repository (`@dmx/thread-pool/load-module`; the executors' worker, workerpool
// and child-process entries use it too). Plain JavaScript on purpose: Node 20 workers neither
// inherit loader hooks nor strip types, so a `.ts` task module (tests, running from src/)
// needs tsx registered first.

/** @typedef {{ versions?: { node?: string }, version?: string, execArgv?: string[], features?: { typescript?: unknown }, getBuiltinModule?: (id: string) => any }} ProcessLike */

const g =
  /** @type {{ process?: ProcessLike, Deno?: unknown, Bun?: unknown, WorkerGlobalScope?: unknown }} */ (
    /** @type {unknown} */ (globalThis)
  );
const isWeb = g.WorkerGlobalScope !== undefined;

/**
 * Imports the task module; on a Node without type stripping, a `.ts` module needs tsx's
 * loader registered in this thread first (workers do not inherit the parent's hooks).
 * @param {string} url
 * @returns {Promise<Record<string, unknown>>}
 */
export async function loadTaskModule(url) {
  const proc = g.process;
  const isTs = /\.[mc]?ts$/.test(new URL(url).pathname);
  const nodeWithoutTypes =
    !isWeb &&
    g.Deno === undefined &&
    g.Bun === undefined &&
    proc?.versions?.node !== undefined &&
    !proc.features?.typescript;
  // A child process started with `--import tsx` has tsx's hooks already; a worker thread sees
  // the same execArgv but not the hooks, so it registers tsx itself.
  const mainThread = proc?.getBuiltinModule?.("node:worker_threads")?.isMainThread === true;
  const hasTsx = mainThread && (proc?.execArgv ?? []).some((a) => a.includes("tsx"));
  if (isTs && nodeWithoutTypes && !hasTsx) await registerTsx(url, proc?.version ?? "");
  return import(/* @vite-ignore */ url);
}

/**
 * @param {string} taskUrl
 * @param {string} nodeVersion
 */
async function registerTsx(taskUrl, nodeVersion) {
  const specifier = "tsx/esm/api";
  /** @type {{ register?: () => unknown, default?: { register?: () => unknown } } | undefined} */
  let api;
  try {
    api = await import(/* @vite-ignore */ specifier);
  } catch {
    // Not resolvable from this package: try from the task module's own location. Resolve
    // tsx's package.json there and follow its "./esm/api" import export (the require
    // export, which createRequire would give, cannot be imported as ESM).
    try {
      const getBuiltin = /** @type {(id: string) => any} */ (
        (id) => g.process?.getBuiltinModule?.(id)
      );
      const { createRequire } = getBuiltin("node:module");
      const { pathToFileURL } = getBuiltin("node:url");
      const { readFileSync } = getBuiltin("node:fs");
      const { dirname, join } = getBuiltin("node:path");
      const pkgPath = createRequire(taskUrl).resolve("tsx/package.json");
      const entry = JSON.parse(readFileSync(pkgPath, "utf8")).exports?.["./esm/api"]?.import;
      const target = typeof entry === "string" ? entry : entry?.default;
      api = await import(/* @vite-ignore */ pathToFileURL(join(dirname(pkgPath), target)).href);
    } catch {
      api = undefined;
    }
  }
  const register = api?.register ?? api?.default?.register;
  if (typeof register !== "function") {
    throw new Error(
      `@dmx/thread-pool: cannot load the TypeScript task module ${taskUrl} on Node ${nodeVersion} ` +
        "(no type stripping in this version); build it to JavaScript or install tsx",
    );
  }
  register();
}
