import { readFileSync } from "node:fs";

/** The CLI's version, inlined by scripts/bundle.mjs (esbuild `define`); unset from src/. */
declare const DMX_VERSION: string | undefined;

/**
 * The CLI's own version: inlined in the bundle, else read from its package.json (works from
 * `src/` and tsc's `dist/`).
 */
export function cliVersion(): string {
  if (typeof DMX_VERSION === "string") return DMX_VERSION;
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}
