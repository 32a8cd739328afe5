#!/usr/bin/env node
import process from "node:process";
import { main } from "./main.ts";

// The only place that touches the process: signals, exit code.
const controller = new AbortController();
let interrupts = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort(new Error(`interrupted by ${signal}`));
  });
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted && code !== 0 ? 130 : code;
// Signal listeners keep nothing alive, but drop them so a finished run exits at once.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
