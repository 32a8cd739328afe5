// Loads one CommonJS file of the built CLI (dist/_cli.cjs, dist/_cli-cluster.cjs) with V8's
// code cache when the build left one for this exact V8. Only the bundle calls this:
// scripts/bundle.mjs puts `loadBundle` where bin.ts imports main.ts and where the CLI imports
// @dmx/cluster; from src/ (tsc, Deno) those imports stay plain.
//
// Why: `dmx compute` of 3 places spent ~22 ms of its ~110 ms compiling its ES module chunks
// (--cpu-prof: compileSourceTextModule), and Node 20 has no compile cache for ES modules.
// A CommonJS file can be compiled as a `vm.Script` with `cachedData`, which V8 deserializes
// instead of parsing. Node >= 22.1 caches compiled CommonJS itself (bin.ts enables it): then
// this is a plain `require`.
import { readFileSync, statSync } from "node:fs";
import * as nodeModule from "node:module";
import { basename, dirname } from "node:path";
import { constants, Script } from "node:vm";

/** Node >= 22.1: the folder of Node's own compile cache, when `enableCompileCache` turned it on. */
const compileCacheDir = (nodeModule as { getCompileCacheDir?: () => string | undefined })
  .getCompileCacheDir;

/** The code cache the build writes beside `file`, named after the V8 that made it. */
export function codeCacheFile(file: string): string {
  return `${file}.v8-${process.versions.v8}.cache`;
}

/**
 * Compiles a CommonJS file as Node's module wrapper would, with `cachedData` if given, under
 * `name` in stack traces. (Node 20's V8 takes the name from the cache when it uses one.)
 */
export function compileBundle(file: string, cachedData?: Buffer, name = file): Script {
  const source = readFileSync(file, "utf8");
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: name,
    ...(cachedData ? { cachedData } : {}),
    // For `import()` in a file compiled without a cache; one compiled from a cache keeps the
    // callback of the process that made it, so the build leaves no `import()` in them.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}

/** Runs a script from `compileBundle` as a module and returns its `module.exports`. */
export function runBundle(script: Script, file: string): unknown {
  const module = { exports: {} as unknown, filename: file, id: file };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(
    module.exports,
    module.exports,
    nodeModule.createRequire(file),
    module,
    file,
    dirname(file),
  );
  return module.exports;
}

/**
 * Scripts compiled so far, when a Map is put under this symbol (only the build does, to write
 * the code caches after a training run): then every load compiles, and is recorded. They are
 * named `dmx/dist/<file>`: Node 20 shows the name a cache was made with in the stack traces of
 * every later run, and the build's own path would mean nothing on another machine.
 */
const RECORD = Symbol.for("dmx.cli.recordBundles");
const loaded = new Map<string, unknown>();

/** `require(file)`, from the build's code cache when one fits this V8; each file once. */
export function loadBundle(file: string): unknown {
  if (loaded.has(file)) return loaded.get(file);
  const record = (globalThis as Record<symbol, unknown>)[RECORD] as Map<string, Script> | undefined;
  let exports: unknown;
  if (record) {
    const script = compileBundle(file, undefined, `dmx/dist/${basename(file)}`);
    record.set(file, script);
    exports = runBundle(script, file);
  } else {
    const cachedData = compileCacheDir?.() ? undefined : readCache(file);
    exports = cachedData
      ? runBundle(compileBundle(file, cachedData), file)
      : nodeModule.createRequire(file)(file);
  }
  loaded.set(file, exports);
  return exports;
}

/**
 * The build's code cache for this V8, unless caching is turned off, there is none, or `file`
 * changed after it was made. V8 checks a cache against the source's length only, so an edit of
 * the same length (patch-package, a hand fix in node_modules) would run the old code: a
 * source newer than its cache is compiled instead. (npm gives every installed file the same
 * time, and the build writes the cache after the source.)
 */
function readCache(file: string): Buffer | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const cache = codeCacheFile(file);
  try {
    if (statSync(file).mtimeMs > statSync(cache).mtimeMs) return undefined;
    return readFileSync(cache);
  } catch {
    return undefined;
  }
}
