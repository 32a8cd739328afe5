/**
 * A Vitest-compatible subset for Deno: `describe`, `it`/`test` (with `.each`, `.skip`,
 * `.skipIf`, `.runIf`, `.todo`), the four hooks, and `expect` with the matchers dmx tests use.
 * The root `deno.json` maps the bare specifier `vitest` here, so the same test files run under
 * `deno test`. Anything not implemented throws, naming what is missing, rather than passing.
 */

export { expect } from "./_expect.ts";
export { afterAll, afterEach, beforeAll, beforeEach, describe, it, test } from "./_registry.ts";
