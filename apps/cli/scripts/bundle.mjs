// `pnpm --filter dmx build`, after tsc: bundles the `dmx` bin so that starting it reads a
// few files instead of ~130 ES modules (one `dmx compute` used to load the CLI, four
// workspace packages, csv-parse, and CommonJS workerpool and geographiclib, whose import from
// ES modules pays for a CommonJS export scan). Writes into dist/, beside tsc's output (tsc's
// files stay the library entry `dmx` -> dist/index.js and its .d.ts files):
//
//   dist/dmx.cjs              the bin (package.json "bin"): answers `--version` itself, else
//                             loads _cli.cjs
//   dist/_cli.cjs             main.ts and every command, CommonJS (whitespace minified)
//   dist/_cli-cluster.cjs     @dmx/cluster with bullmq and ioredis, loaded by `compute
//                             --cluster` and `worker` only; it takes the workspace packages
//                             from _cli.cjs (one copy of each class)
//   dist/*.cjs.v8-*.cache     V8's code cache of each, written after a training run
//                             (scripts/_train.mjs) and used when its V8 is the one running
//   dist/bin.js               an ES module that requires dmx.cjs, so `node dist/bin.js`
//                             works as before (replaces tsc's bin.js)
//   dist/_tasks.js, ...       the files that workspace packages start by URL
//                             (`new URL("./_tasks.js", import.meta.url)`): worker and child
//                             entries and task modules, ES modules sharing dist/_bundle-*.js
//                             chunks. In the bundle `import.meta.url` is a file in dist/, so
//                             each must sit in dist/ under the same name. Each package lists
//                             its own in the `workerFiles` field of its package.json (paths
//                             from the package root); nothing here names them.
//
// Start-up, measured with --cpu-prof and process.moduleLoadList (see README "Start-up"):
// - CommonJS with a code cache: Node 20 compiles ES modules on every start (22 ms of a 3-place
//   `dmx compute`) and has no compile cache; an ES module entry alone costs ~10 ms more
//   than a CommonJS one. Whitespace and syntax minified (fewer bytes to read); identifiers
//   are kept, for stack traces and for `dmx demo race`, whose worker runs a function's source;
// - esbuild's keepNames is off for _cli.cjs: it defines `name` on every function and class
//   at load, 4-5 ms of a 3-place `dmx compute` (in-process timing, side by side), and dmx's
//   code never reads a function's name (its errors set `name` themselves). The third-party
//   files keep it;
// - the version is inlined (`define`), so `dmx --version` is answered by dmx.cjs alone;
// - `import process from "node:process"` becomes the global `process`: an ES module import
//   of a built-in makes Node build its export facade, which reads every property, and
//   reading `process.stdin`/`stdout` creates them and loads Node's stream modules;
// - heavy built-ins that a run may not reach (crypto, net, worker_threads, ...) load on
//   first use instead of at start-up (`lazyBuiltins` in _plugins.mjs);
// - geographiclib's module code runs on the first geodesic call (`lazyPackages`);
// - the ES modules' banner `require` is created on its first call, and dropped from the
//   files that never call it.
//
// Without this step (tsc only, e.g. `pnpm dev`) dist/bin.js is tsc's: slower to start, same
// behaviour. Run as `node scripts/bundle.mjs` from apps/cli.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import {
  builtinImports,
  cliBundles,
  lazyBuiltins,
  lazyPackages,
  loadFileExpression,
} from "./_plugins.mjs";
import { train } from "./_train.mjs";

const cli = fileURLToPath(new URL("..", import.meta.url));
const dist = join(cli, "dist");
/**
 * The files a workspace package starts by URL, from the `workerFiles` list in its
 * package.json: each becomes an entry of the same base name in dist/.
 */
function workerEntries(name) {
  const root = dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`)));
  const { workerFiles = [] } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return workerFiles.map((file) => ({ in: join(root, file), out: basename(file, ".js") }));
}

/** The workspace packages the CLI depends on (`workspace:*`), in package.json order. */
const workspaceDeps = Object.entries(
  JSON.parse(readFileSync(join(cli, "package.json"), "utf8")).dependencies ?? {},
)
  .filter(([, version]) => String(version).startsWith("workspace:"))
  .map(([name]) => name);

// Every file started by URL relative to code that ends up in the bundle. A package that
// starts a file it does not list in `workerFiles` fails the build (the check at the end).
const entryPoints = [
  { in: join(cli, "src/demo/_busy-task.ts"), out: "_busy-task" },
  ...workspaceDeps.flatMap(workerEntries),
];

// Chunks and caches from an earlier build have other names: remove them first.
for (const file of readdirSync(dist)) {
  if (file.startsWith("_bundle-") || /\.cjs(\.map|\.v8-.*\.cache(\.tmp)?)?$/.test(file)) {
    rmSync(join(dist, file));
  }
}

const { version } = JSON.parse(readFileSync(join(cli, "package.json"), "utf8"));
// Bundled CommonJS calls require() for built-ins; it is created on its first call (the
// bundle's only use of it is esbuild's `__require` helper, which calls it).
const banner = [
  "let __dmxRequire;",
  'const require = (id) => (__dmxRequire ??= process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);',
].join("\n");

// The ES modules: what packages start by URL (workers, children, task modules).
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
  // Bundled CommonJS (workerpool) calls require() for Node built-ins
  // (dropped below from the files that do not call it).
  banner: { js: banner },
  define: { DMX_VERSION: JSON.stringify(version) },
  plugins: [lazyBuiltins, lazyPackages()],
  logLevel: "warning",
  metafile: true,
});

// The banner's `require` is only needed where bundled CommonJS calls it.
for (const output of Object.keys(result.metafile.outputs)) {
  if (!output.endsWith(".js")) continue;
  const file = resolve(output);
  const text = readFileSync(file, "utf8");
  const rest = text.replace(`${banner}\n`, "");
  if (rest !== text && !/\brequire\b/.test(rest)) writeFileSync(file, rest);
}

// The CommonJS files, in the order each needs the previous: the packages loaded late (each
// a file of its own: a small run does not even read them), _cli-cluster.cjs (which records
// the workspace packages it takes from _cli.cjs), _cli.cjs, dmx.cjs.
const loader = join(cli, "src/_load-bundle.ts");
const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20.19",
  sourcemap: "linked",
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  external: ["tsx", "tsx/*"],
  // Where workspace packages start workers: `new URL("./_tasks.js", import.meta.url)`.
  define: { DMX_VERSION: JSON.stringify(version), "import.meta.url": "__dmxMetaUrl" },
  banner: { js: 'var __dmxMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
  metafile: true,
};
/**
 * Third-party packages in files of their own: `file` in dist/, the workspace package that
 * depends on the package (`owner`), the package's `specifier`, and how dmx's code reaches it:
 * a static import of `lazy` (loaded on first use, see `lazyPackages`) or a dynamic `import()`
 * of `split`.
 */
const leaves = [
  {
    file: "_geographiclib",
    owner: "@dmx/geo",
    specifier: "geographiclib-geodesic",
    lazy: "geographiclib-geodesic",
  },
  { file: "_csv-parse", owner: "@dmx/geo", specifier: "csv-parse/sync", lazy: "#csv-parse-sync" },
  { file: "_workerpool", owner: "@dmx/executors", specifier: "workerpool", split: "workerpool" },
];
const lazyLeaves = new Map(leaves.filter((l) => l.lazy).map((l) => [l.lazy, `${l.file}.cjs`]));
const splitLeaves = leaves.filter((l) => l.split).map((l) => [l.split, { file: `${l.file}.cjs` }]);
const shared = new Set();
const cjsBuilds = [
  ...leaves.map(({ file, owner, specifier }) => ({
    entryPoints: {
      [file]: createRequire(import.meta.resolve(`${owner}/package.json`)).resolve(specifier),
    },
  })),
  {
    entryPoints: { "_cli-cluster": join(cli, "node_modules/@dmx/cluster/dist/index.js") },
    plugins: [lazyBuiltins, builtinImports, cliBundles({ shared, loader })],
  },
  {
    entryPoints: { _cli: join(cli, "src/main.ts") },
    // See the top: only dmx's own code, which never reads a function's name.
    keepNames: false,
    plugins: [
      lazyBuiltins,
      builtinImports,
      lazyPackages({
        packages: [...lazyLeaves.keys()],
        load: (specifier) => loadFileExpression(loader, lazyLeaves.get(specifier)),
      }),
      cliBundles({
        loader,
        split: {
          "@dmx/cluster": { file: "_cli-cluster.cjs", provides: shared },
          ...Object.fromEntries(splitLeaves),
        },
      }),
    ],
  },
  {
    entryPoints: { dmx: join(cli, "src/bin.ts") },
    plugins: [cliBundles({ loader, split: { "./main.ts": { file: "_cli.cjs" } } })],
  },
];
const outputs = Object.keys(result.metafile.outputs);
for (const options of cjsBuilds) {
  const built = await build({
    ...common,
    ...options,
    outdir: dist,
    outExtension: { ".js": ".cjs" },
  });
  outputs.push(...Object.keys(built.metafile.outputs));
}
// `node dist/bin.js` (the path every earlier release documented) runs the same bin.
writeFileSync(
  join(dist, "bin.js"),
  [
    "#!/usr/bin/env node",
    "// The bin is dmx.cjs (CommonJS starts faster; scripts/bundle.mjs): this runs it.",
    'process.getBuiltinModule("node:module").createRequire(import.meta.url)("./dmx.cjs");',
    "",
  ].join("\n"),
);
rmSync(join(dist, "bin.js.map"), { force: true });

// Every `new URL("./file.js", import.meta.url)` in the output must name a file that exists
// relative to dist/ (where the bundle's import.meta.url points), or a worker would fail to
// start at run time: fail the build instead. Comment lines (doc examples) are skipped.
// No `import("...")` may be left in the CommonJS files either (see `builtinImports`);
// bullmq's `import(path)` of a sandboxed processor file is never reached (dmx gives it a
// function).
const missing = [];
for (const output of outputs) {
  if (!/\.c?js$/.test(output)) continue;
  const file = resolve(output);
  const text = readFileSync(file, "utf8");
  for (const line of text.split("\n")) {
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
    for (const [, args] of line.matchAll(
      /new URL\((.*?),\s*(?:import\.meta\.url|__dmxMetaUrl)\)/g,
    )) {
      for (const [, path] of args.matchAll(/"(\.\.?\/[^"]+\.(?:js|json))"/g)) {
        if (!existsSync(resolve(dirname(file), path)))
          missing.push(`${relative(cli, file)}: ${path}`);
      }
    }
  }
  if (!output.endsWith(".cjs")) continue;
  for (const [call] of text.matchAll(/\bimport\(\s*["'`][^"'`]*/g)) {
    if (!/["'`]tsx/.test(call)) missing.push(`${output}: ${call}...) (make it a require)`);
  }
}
if (missing.length > 0) {
  throw new Error(
    `bundle.mjs: the bundle starts files by URL that are not in dist/ (list them in their package's workerFiles), or imports in CommonJS:\n  ${missing.join("\n  ")}`,
  );
}

// Run the CLI once in this process, then write each CommonJS file's code cache.
await train(dist);
