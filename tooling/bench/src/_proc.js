// Running child processes for end-to-end numbers: whole-process wall time and peak RSS.
// Wall time: hyperfine when it is on PATH, else our own spawn loop (performance.now()), one
// run at a time so that compared commands alternate (timeSideBySide).
// Peak RSS: GNU time (`/usr/bin/time -f %M`, the child's ru_maxrss) when present, else
// polling /proc/<pid>/status for VmHWM (the kernel's own high-water mark of the process).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { benchEnv } from "./_env.js";

/** What is available for measuring, detected once. */
export function detectTools() {
  const hf = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
  const hyperfine = hf.status === 0 ? hf.stdout.trim() : null;
  let gnuTime = null;
  if (existsSync("/usr/bin/time")) {
    const t = spawnSync("/usr/bin/time", ["-f", "%M", "true"], { encoding: "utf8" });
    if (t.status === 0 && /^\d+\s*$/.test(t.stderr.trim().split("\n").pop() ?? "")) {
      gnuTime = "/usr/bin/time";
    }
  }
  const procfs = existsSync("/proc/self/status");
  return { hyperfine, gnuTime, procfs };
}

const quote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
/** A command as one shell line, for printing and for hyperfine. */
export const shellLine = (argv) => argv.map(quote).join(" ");

/** The median of `xs` (the mean of the two middle values for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs `argv` once, checking it succeeds, and measures its peak RSS.
 * @returns {Promise<{ ok: boolean, wallMs: number, maxRssKb: number | null, rssTool: string, stderr: string, code: number | null }>}
 */
export function runOnce(argv, tools, options = {}) {
  const useTime = tools.gnuTime && !options.noGnuTime;
  const full = useTime ? [tools.gnuTime, "-f", "DMXBENCH_MAXRSS=%M", ...argv] : argv;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(full[0], full.slice(1), {
      stdio: ["ignore", "ignore", "pipe"],
      env: options.env ?? benchEnv,
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 16));
    });
    let hwm = 0;
    let timer = null;
    if (!useTime && tools.procfs) {
      const poll = () => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          // the process just ended
        }
      };
      poll();
      timer = setInterval(poll, 2);
    }
    child.on("error", (error) => {
      if (timer) clearInterval(timer);
      resolve({
        ok: false,
        wallMs: NaN,
        maxRssKb: null,
        rssTool: "",
        stderr: String(error),
        code: null,
      });
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      if (timer) clearInterval(timer);
      let maxRssKb = null;
      let rssTool = "none";
      if (useTime) {
        const m = /DMXBENCH_MAXRSS=(\d+)\s*$/.exec(stderr);
        if (m) {
          maxRssKb = Number(m[1]);
          stderr = stderr
            .slice(0, m.index)
            .replace(/Command exited with non-zero status \d+\s*$/, "");
        }
        rssTool = "GNU time %M";
      } else if (tools.procfs) {
        maxRssKb = hwm || null;
        rssTool = "/proc VmHWM polling";
      }
      resolve({ ok: code === 0, wallMs, maxRssKb, rssTool, stderr: stderr.trim(), code });
    });
  });
}

/**
 * One whole-process wall time of `argv`: hyperfine (`--runs 1`, no shell) when present, else
 * spawn to exit by performance.now(). With `fresh` (the output path), that file is removed
 * first, untimed: replacing a big file makes ext4 flush the new one at once (auto_da_alloc),
 * which times the disk instead.
 * @returns {Promise<number>} milliseconds
 */
async function timeOnce(argv, tools, fresh, env = benchEnv) {
  if (tools.hyperfine) {
    const dir = mkdtempSync(join(tmpdir(), "dmx-hf-"));
    try {
      const file = join(dir, "hf.json");
      const r = spawnSync(
        "hyperfine",
        [
          "--shell=none",
          "--style=none",
          "--warmup=0",
          "--runs=1",
          ...(fresh ? ["--prepare", shellLine(["rm", "-f", fresh])] : []),
          "--export-json",
          file,
          shellLine(argv),
        ],
        { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], env },
      );
      if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr.trim()}`);
      return JSON.parse(readFileSync(file, "utf8")).results[0].times[0] * 1e3;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (fresh) rmSync(fresh, { force: true });
  const r = await runOnce(argv, tools, { noGnuTime: true, env });
  if (!r.ok) throw new Error(`${shellLine(argv)} failed (exit ${r.code}): ${r.stderr}`);
  return r.wallMs;
}

/**
 * Wall times of commands that are compared, measured side by side: `warmup` untimed rounds,
 * then `runs` timed rounds, each running every command once, the order rotating from round
 * to round. A slow spell of a shared machine then falls on all of them alike, instead of on
 * whichever happened to run during it. `fresh[i]` is the output file of `argvs[i]`, `envs[i]`
 * its environment (default: `benchEnv`).
 * @returns {Promise<{ medianMs: number, minMs: number, runsMs: number[], tool: string }[]>}
 */
export async function timeSideBySide(
  argvs,
  tools,
  { runs = 5, warmup = 1, fresh = [], envs = [] } = {},
) {
  const times = argvs.map(() => []);
  for (let round = 0; round < warmup + runs; round++) {
    for (let q = 0; q < argvs.length; q++) {
      const i = (q + round) % argvs.length;
      const ms = await timeOnce(argvs[i], tools, fresh[i], envs[i]);
      if (round >= warmup) times[i].push(ms);
    }
  }
  const tool = tools.hyperfine ? "hyperfine --runs 1, interleaved" : "spawn loop, interleaved";
  return times.map((t) => ({ medianMs: median(t), minMs: Math.min(...t), runsMs: t, tool }));
}
