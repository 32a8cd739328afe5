// The C reference kernel: built with gcc at run time (no binary in git), run on a CSV.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../c/haversine_ref.c", import.meta.url));

/** The flags the reference is built with (target 1 compares against exactly this). */
export const C_FLAGS = ["-O3", "-march=native", "-ffast-math", "-fopenmp"];

/**
 * Compiles the reference into `outDir`. Returns the binary path, or an explanation.
 * @returns {{ ok: true, binary: string, compiler: string } | { ok: false, reason: string }}
 */
export function buildReference(outDir) {
  const cc = process.env.CC || "gcc";
  const version = spawnSync(cc, ["--version"], { encoding: "utf8" });
  if (version.status !== 0) {
    return {
      ok: false,
      reason: `no C compiler: "${cc} --version" failed (install gcc, or set CC)`,
    };
  }
  const binary = `${outDir}/haversine_ref`;
  const r = spawnSync(cc, [...C_FLAGS, source, "-o", binary, "-lm"], { encoding: "utf8" });
  if (r.status !== 0) return { ok: false, reason: `${cc} failed:\n${r.stderr.trim()}` };
  return { ok: true, binary, compiler: version.stdout.split("\n")[0].trim() };
}

/**
 * Runs the reference: warm-up, then best of `repeats`.
 * @returns {{ n: number, pairs: number, threads: number, bestMs: number, nsPerPair: number, runsMs: number[], checksum: number, maxRelErr: number }}
 */
export function runReference(binary, csvPath, threads, repeats) {
  const r = spawnSync(binary, [csvPath, String(threads), String(repeats)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`C reference failed (exit ${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}
