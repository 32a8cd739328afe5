// Runs the built CLI as a user would, for every CLI test file.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
/** The CLI package folder. */
export const cliDir = fileURLToPath(new URL("..", import.meta.url));
/** The built bin, as package.json names it: `dist/dmx.cjs`. */
export const bin = fileURLToPath(new URL("../dist/dmx.cjs", import.meta.url));

/** How a run ended: exit code (-1 when killed), whether the timeout killed it, and its output. */
export interface CliRun {
  readonly code: number;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/dmx.cjs ...args` with `NO_COLOR=1`; never throws. `timeoutMs` kills the child
 * (then `killed` is true), so a process that fails to exit fails its test instead of hanging.
 */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? cliDir,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      timeout: options.timeoutMs ?? 0,
      maxBuffer: 64 * 1024 * 1024,
      encoding: "utf8",
    });
    return { code: 0, killed: false, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; killed?: boolean; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === "number" ? e.code : -1,
      killed: e.killed ?? false,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    };
  }
}

/**
 * Builds `dist/` as `pnpm build` does (tsc, then the bin bundle) when a test file runs on its
 * own before any build (turbo builds it first).
 */
export async function buildCliIfMissing(): Promise<void> {
  if (existsSync(bin)) return;
  const tsc = fileURLToPath(import.meta.resolve("typescript/bin/tsc"));
  await run(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: cliDir });
  await run(process.execPath, ["scripts/bundle.mjs"], { cwd: cliDir });
}
