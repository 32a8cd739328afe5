// @ts-check
import { defineConfig, mergeConfig } from "vitest/config";

/**
 * The shared Vitest preset: node environment, tests under `test/` (and `src/**\/*.test.ts`),
 * v8 coverage of `src/`, and a TypeScript loader (tsx) in every test process so that
 * worker threads and child processes started by a test can load `.ts` task modules on
 * Node 20, which cannot strip types itself.
 *
 * @param {import("vitest/config").ViteUserConfig} [overrides] merged over the preset
 * @returns {import("vitest/config").ViteUserConfig}
 */
export function dmxVitestConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ["test/**/*.test.ts", "src/**/*.test.ts"],
        exclude: ["**/node_modules/**", "**/dist/**", "**/*.deno.test.ts"],
        environment: "node",
        testTimeout: 30_000,
        hookTimeout: 30_000,
        execArgv: ["--import", "tsx"],
        coverage: {
          provider: "v8",
          include: ["src/**/*.ts"],
          exclude: ["src/**/*.test.ts"],
          reporter: ["text-summary", "json-summary"],
        },
      },
    }),
    overrides,
  );
}
