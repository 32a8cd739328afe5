import { isAbsolute, relative } from "node:path";

/**
 * How a message names `path` (absolute): relative to `cwd` when it lies inside it, else the
 * absolute path, so `-o /dev/null` reads "/dev/null", not "../../dev/null".
 */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return path;
  return rel;
}
