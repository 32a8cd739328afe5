// `pnpm --filter dmx build`, after tsc: bundles the `dmx` bin so that starting it reads a
// handful of files instead of ~130 ES modules (one `dmx compute` used to load the CLI, four
// workspace packages, csv-parse, and CommonJS workerpool and geographiclib, whose import from
// ES modules pays for a CommonJS export scan). Writes into dist/, beside tsc's output:
//
//   dist/bin.js               the bin (replaces tsc's bin.js; tsc's other files stay the
//                             library entry `dmx` -> dist/index.js and its .d.ts files)
//   dist/_bundle-*.js         chunks shared by the entries, loaded on demand: `dmx --version`
//                             loads none of the commands, `dmx compute` none of bench/iot/demo
//   dist/_tasks.js, ...       the files that executors and @dmx/thread-pool start by URL
//                             (`new URL("./_tasks.js", import.meta.url)`): worker and child
//                             entries and task modules. In the bundle `import.meta.url` is a
//                             file in dist/, so each must sit in dist/ under the same name.
//
// Without this step (tsc only, e.g. `pnpm dev`) dist/bin.js is tsc's: slower to start, same
// behaviour. Run as `node scripts/bundle.mjs` from apps/cli.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cli = fileURLToPath(new URL("..", import.meta.url));
const dist = join(cli, "dist");
/** dist/ folder of a workspace package (its `exports` "." points into it). */
const distOf = (name) => dirname(fileURLToPath(import.meta.resolve(name)));
const executors = distOf("@dmx/executors");
const threadPool = distOf("@dmx/thread-pool");

// Every file started by URL relative to code that ends up in the bundle. A new one in a
// package that is missing here fails the build (the check at the end of this file).
const entryPoints = [
  { in: join(cli, "src/bin.ts"), out: "bin" },
  { in: join(cli, "src/demo/_busy-task.ts"), out: "_busy-task" },
  { in: join(executors, "_tasks.js"), out: "_tasks" },
  { in: join(executors, "_task-worker.js"), out: "_task-worker" },
  { in: join(executors, "_workerpool-worker.js"), out: "_workerpool-worker" },
  { in: join(executors, "_process-child.js"), out: "_process-child" },
  { in: join(threadPool, "_worker-entry.js"), out: "_worker-entry" },
];

// Chunks from an earlier build have other hashes: remove them first.
for (const file of readdirSync(dist)) {
  if (file.startsWith("_bundle-")) rmSync(join(dist, file));
}

const result = await build({
  entryPoints,
  outdir: dist,
  bundle: true,
  splitting: true,
  chunkNames: "_bundle-[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: "linked",
  keepNames: true,
  // Only for loading a `.ts` task module from src (tests); never reached from dist.
  external: ["tsx", "tsx/*"],
  // Bundled CommonJS (workerpool) calls require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __dmxCreateRequire } from "node:module";\nconst require = __dmxCreateRequire(import.meta.url);',
  },
  logLevel: "warning",
  metafile: true,
});

// Every `new URL("./file.js", import.meta.url)` in the output must name a file that exists
// relative to dist/ (where the bundle's import.meta.url points), or a worker would fail to
// start at run time: fail the build instead. Comment lines (doc examples) are skipped.
const missing = [];
for (const output of Object.keys(result.metafile.outputs)) {
  if (!output.endsWith(".js")) continue;
  const file = resolve(output);
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
    for (const [, args] of line.matchAll(/new URL\((.*?),\s*import\.meta\.url\)/g)) {
      for (const [, path] of args.matchAll(/"(\.\.?\/[^"]+\.(?:js|json))"/g)) {
        if (!existsSync(resolve(dirname(file), path)))
          missing.push(`${relative(cli, file)}: ${path}`);
      }
    }
  }
}
if (missing.length > 0) {
  throw new Error(
    `bundle.mjs: the bundle starts files by URL that are not in dist/; add them to entryPoints:\n  ${missing.join("\n  ")}`,
  );
}
