// Runs one figure's command from the repository root and captures what it printed.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Figure, shellScript } from "./figures.ts";

/** The repository root: figures' commands run there, as the pages say. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** What one run printed (stdout and stderr merged in order, as a terminal shows them). */
export interface RunResult {
  readonly output: string;
  readonly exitCode: number;
  readonly seconds: number;
}

/** Runs `figure.command` with bash, stderr merged into stdout; kills it after `timeoutS`. */
export function runFigure(figure: Figure, timeoutS = 600): Promise<RunResult> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `set -e\nexec 2>&1\n${shellScript(figure.command)}`], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutS * 1000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        output: Buffer.concat(chunks).toString("utf8"),
        exitCode: code ?? (signal ? 128 : 1),
        seconds: (performance.now() - start) / 1000,
      });
    });
  });
}
