#!/usr/bin/env node
import module from "node:module";
import process from "node:process";

// Node >= 22.1 keeps compiled code of the modules loaded after this call on disk (in the OS
// temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later runs start faster. Older
// Node and Deno have no such function. main.ts is imported below, after this, for that reason.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

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
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
