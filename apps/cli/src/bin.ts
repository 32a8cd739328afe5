#!/usr/bin/env node
// The bin. It imports no `node:` module at the top: an ES module import of `node:process`
// makes Node build its export facade, which reads every property of `process`, stdin and
// stdout included, and creating those loads Node's whole stream stack (~6 ms of a ~100 ms
// `dmx --version`, measured with --cpu-prof). The global `process` costs nothing.

/** The CLI's version, inlined by scripts/bundle.mjs (esbuild `define`); unset from src/. */
declare const DMX_VERSION: string | undefined;

export {};

const args = process.argv.slice(2);

if ((args[0] === "-v" || args[0] === "--version") && typeof DMX_VERSION === "string") {
  // `dmx --version` from the bundle: answered here, before loading any other module. A
  // direct write to fd 1 skips creating process.stdout; if it cannot (EAGAIN on a
  // non-blocking pipe, ...), process.stdout does it as main.ts would.
  const text = `${DMX_VERSION}\n`;
  try {
    process.getBuiltinModule("node:fs").writeSync(1, text);
  } catch {
    process.stdout.write(text);
  }
} else {
  void start();
}

/** Every command but `--version`: loads main.ts (in the bundle, dist/_cli.cjs) and runs it. */
async function start(): Promise<void> {
  // Node >= 22.1 keeps compiled code of the modules loaded after this call on disk (in the OS
  // temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later runs start faster.
  // Older Node and Deno have no such function. main.ts is imported below, after this.
  const module = process.getBuiltinModule?.("node:module") as
    | { enableCompileCache?: () => unknown }
    | undefined;
  module?.enableCompileCache?.();

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
  const code = await main(args, {
    // Getters: a run that writes nothing to one of them (a file output, -q) never creates it.
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    // An unref'd timer: it fires only if something else still keeps the process alive. (A
    // getter: a function assigned to a property would get a `__name` call from esbuild's
    // keepNames, and with it an import of the shared chunk that `--version` must not load.)
    get endProcess() {
      return () => {
        setTimeout(() => process.exit(), 200).unref();
      };
    },
  });
  process.exitCode = controller.signal.aborted && code !== 0 ? 130 : code;
  // Signal listeners keep nothing alive, but drop them so a finished run exits at once.
  for (const signal of signals) process.removeAllListeners(signal);
}
