// What the numbers were measured on, printed above the table and stored in the JSON.
import { spawnSync } from "node:child_process";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/** Load average, rounded, as printed in the header and footer. */
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/**
 * Finds a Python with numpy and scipy: $DMX_BENCH_PYTHON, else python3 on PATH, else
 * /usr/bin/python3 (Debian's, where python3-numpy / python3-scipy install); returns the
 * interpreter's own path (sys.executable).
 * @returns {{ python: string | null, version: string, numpy: string | null, scipy: string | null, note: string }}
 */
export function detectPython() {
  const candidates = [process.env.DMX_BENCH_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);
  let firstPlain = null;
  for (const python of candidates) {
    const r = spawnSync(
      python,
      [
        "-c",
        "import sys;print(sys.version.split()[0]);print(sys.executable)\ntry:\n import numpy,scipy;print(numpy.__version__,scipy.__version__)\nexcept Exception as e:print('-', e)",
      ],
      { encoding: "utf8" },
    );
    if (r.status !== 0) continue;
    // The interpreter itself, not a launcher in front of it (a pyenv shim is a shell script
    // that adds ~80 ms to every run here).
    const [version, executable, libs] = r.stdout.trim().split("\n");
    const resolved = executable || python;
    const [numpy, scipy] = (libs ?? "").split(" ");
    if (numpy !== "-" && scipy) return { python: resolved, version, numpy, scipy, note: "" };
    firstPlain ??= { python: resolved, version, numpy: null, scipy: null, note: libs ?? "" };
  }
  if (firstPlain) {
    firstPlain.note = `numpy/scipy missing for ${firstPlain.python} (${firstPlain.note.slice(2)}); install python3-numpy python3-scipy (Debian) or set DMX_BENCH_PYTHON`;
    return firstPlain;
  }
  return {
    python: null,
    version: "",
    numpy: null,
    scipy: null,
    note: "python3 not found (target 2 and 3 baselines need it)",
  };
}

/** CPU, cores, memory, runtimes. */
export function machineInfo(extra) {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return {
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    ...extra,
  };
}
