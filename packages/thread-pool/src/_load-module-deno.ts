// The `./load-module` entry for Deno and JSR: a typed face over `_load-module.js`, so the
// published API has explicit types (JSR's fast check does not infer types from JavaScript).
// Node resolves the same subpath to the built `_load-module.js` through package.json.
import { loadTaskModule as load } from "./_load-module.js";

/**
 * Imports a task module by URL inside a worker thread, a Web Worker or a child process; on
 * a Node without type stripping, a `.ts` module gets tsx's loader registered first.
 */
export function loadTaskModule(url: string): Promise<Record<string, unknown>> {
  return load(url);
}
