#!/usr/bin/env node
import module from "node:module";
import process from "node:process";

// Node >= 22.1 keeps compiled code of the modules loaded after this call on disk (in the OS
// temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later runs start faster. Older
// Node and Deno have no such function. main.ts is imported below, after this, for that reason.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The only place that touches the process: signals, exit code. The first signal aborts the
// run, which deletes its temp file and exits 130. A second one exits at once with 128 + the
// signal's number; `process.exit` runs the `exit` listeners, and @dmx/executors has one that
// deletes, synchronously, every temp file still open, so nothing is left behind either way.
const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const numbers = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
const controller = new AbortController();
let interrupts = 0;
for (const signal of signals) {
  process.on(signal, () => {
    interrupts++;
    if (interrupts > 1) process.exit(128 + numbers[signal]);
    controller.abort(new Error(`interrupted by ${signal}`));
  });
}

const { main, userCwd } = await import("./main.ts");
// `pnpm dmx` runs at the repository root: relative paths resolve where the user ran it.
const cwd = userCwd(process.env, process.cwd());
if (cwd !== process.cwd()) process.chdir(cwd);
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted && code !== 0 ? 130 : code;
// Signal listeners keep nothing alive, but drop them so a finished run exits at once.
for (const signal of signals) process.removeAllListeners(signal);
