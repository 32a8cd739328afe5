// `node --import ./test/_load-log.mjs dist/dmx.cjs ...`: appends the URL of every file that
// the process or its worker threads load as code to the file named by DMX_LOAD_LOG, one per
// line (a file may appear more than once): ES modules through a load hook, CommonJS files
// (the bin's own, read with fs.readFileSync by Node's loader and by src/_load-bundle.ts)
// through a wrapper of fs.readFileSync, which also logs the code caches read beside them.
// test/bin-bundle.test.ts uses it to check what `dmx` loads. Workers inherit the --import,
// so each registers the hook for itself.
import fs, { appendFileSync } from "node:fs";
import { register } from "node:module";
import { pathToFileURL } from "node:url";

register(import.meta.url);

const log = process.env.DMX_LOAD_LOG;
const readFileSync = fs.readFileSync;
fs.readFileSync = function logged(path, ...rest) {
  if (log && typeof path === "string" && /\.(c?js|cache)$/.test(path)) {
    appendFileSync(log, `${pathToFileURL(path).href}\n`);
  }
  return readFileSync.call(this, path, ...rest);
};

/** @type {import("node:module").LoadHook} */
export async function load(url, context, next) {
  if (log && url.startsWith("file:")) appendFileSync(log, `${url}\n`);
  return next(url, context);
}
