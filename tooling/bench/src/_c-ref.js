// The C reference kernel: built with gcc at run time (no binary in git), run on a CSV.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../c/haversine_ref.c", import.meta.url));

/** The flags the reference is built with (target 1 compares against exactly this). */
export const C_FLAGS = ["-O3", "-march=native", "-ffast-math", "-fopenmp"];

/**
 * Builds tried on top of C_FLAGS; the faster one is the reference (a stronger reference
 * makes target 1 harder, never easier). GCC prefers 256-bit vectors on AVX-512 machines;
 * the second build lets it use 512-bit ones (libmvec's _ZGVeN8v_asin) where the CPU has them.
 */
export const C_VARIANTS = [[], ["-mprefer-vector-width=512"]];

/**
 * Compiles the reference into `outDir`. Returns the binary path, or an explanation.
 * @returns {{ ok: true, binary: string, compiler: string } | { ok: false, reason: string }}
 */
export function buildReference(outDir, extra = [], suffix = "") {
  const cc = process.env.CC || "gcc";
  const version = spawnSync(cc, ["--version"], { encoding: "utf8" });
  if (version.status !== 0) {
    return {
      ok: false,
      reason: `no C compiler: "${cc} --version" failed (install gcc, or set CC)`,
    };
  }
  const binary = `${outDir}/haversine_ref${suffix}`;
  const r = spawnSync(cc, [...C_FLAGS, ...extra, source, "-o", binary, "-lm"], {
    encoding: "utf8",
  });
  if (r.status !== 0) return { ok: false, reason: `${cc} failed:\n${r.stderr.trim()}` };
  return {
    ok: true,
    binary,
    flags: [...C_FLAGS, ...extra],
    compiler: version.stdout.split("\n")[0].trim(),
  };
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
