// `node --import ./test/_load-log.mjs dist/bin.js ...`: appends the URL of every ES module
// file that the process or its worker threads load to the file named by DMX_LOAD_LOG, one
// per line (a file may appear more than once). test/bin-bundle.test.ts uses it to check
// what `dmx` loads. Workers inherit the --import, so each registers the hook for itself.
import { appendFileSync } from "node:fs";
import { register } from "node:module";

register(import.meta.url);

/** @type {import("node:module").LoadHook} */
export async function load(url, context, next) {
  const log = process.env.DMX_LOAD_LOG;
  if (log && url.startsWith("file:")) appendFileSync(log, `${url}\n`);
  return next(url, context);
}
