// `pnpm --filter dmx build`, after tsc: bundles the `dmx` bin so that starting it reads a
// handful of files instead of ~130 ES modules (one `dmx compute` used to load the CLI, four
// workspace packages, csv-parse, and CommonJS workerpool and geographiclib, whose import from
// ES modules pays for a CommonJS export scan). Writes into dist/, beside tsc's output:
//
//   dist/bin.js               the bin (replaces tsc's bin.js; tsc's other files stay the
//                             library entry `dmx` -> dist/index.js and its .d.ts files)
//   dist/_bundle-*.js         chunks shared by the entries, loaded on demand: `dmx --version`
//                             loads none of the commands, `dmx compute` none of bench/iot/demo
//   dist/_tasks.js, ...       the files that workspace packages start by URL
//                             (`new URL("./_tasks.js", import.meta.url)`): worker and child
//                             entries and task modules. In the bundle `import.meta.url` is a
//                             file in dist/, so each must sit in dist/ under the same name.
//                             Each package lists its own in the `workerFiles` field of its
//                             package.json (paths from the package root); nothing here names them.
//
// Start-up, measured with --cpu-prof and process.moduleLoadList (see README "Start-up"):
// - the version is inlined (`define`), so `dmx --version` is answered by bin.js alone;
// - `import process from "node:process"` becomes the global `process`: an ES module import
//   of a built-in makes Node build its export facade, which reads every property, and
//   reading `process.stdin`/`stdout` creates them and loads Node's stream modules;
// - heavy built-ins that a run may not reach (crypto, net, worker_threads, ...) load on
//   first use instead of at start-up (`lazyBuiltins` below);
// - geographiclib's module code runs on the first geodesic call (`lazyPackages`);
// - the banner's `require` is created on its first call, and dropped from the files that
//   never call it.
//
// Without this step (tsc only, e.g. `pnpm dev`) dist/bin.js is tsc's: slower to start, same
// behaviour. Run as `node scripts/bundle.mjs` from apps/cli.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

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
  { in: join(cli, "src/bin.ts"), out: "bin" },
  { in: join(cli, "src/demo/_busy-task.ts"), out: "_busy-task" },
  ...workspaceDeps.flatMap(workerEntries),
];

// Chunks from an earlier build have other hashes: remove them first.
for (const file of readdirSync(dist)) {
  if (file.startsWith("_bundle-")) rmSync(join(dist, file));
}

/**
 * Built-ins loaded on first use: `import { f } from "node:crypto"` resolves to a small
 * CommonJS module whose exports are getters that call `process.getBuiltinModule` once, and
 * esbuild turns each use into `crypto.f`, so a small sequential `dmx compute` loads neither
 * crypto (temp file names), net (socket outputs), worker_threads, child_process nor
 * perf_hooks. The export names come from this Node's module. Not for the built-ins every
 * run loads anyway (fs, path, url, ...): those stay plain imports. `require()` calls of
 * bundled CommonJS are left alone.
 */
const LAZY = new Set(
  [
    "child_process",
    "crypto",
    "net",
    "os",
    "perf_hooks",
    "readline",
    "stream/promises",
    "timers/promises",
    "util",
    "v8",
    "worker_threads",
  ].map((name) => `node:${name}`),
);
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (args.kind !== "import-statement" || !isBuiltin(args.path)) return undefined;
      const path = args.path.startsWith("node:") ? args.path : `node:${args.path}`;
      if (path === "node:process") return { path, namespace: "global-process" };
      return LAZY.has(path) ? { path, namespace: "lazy-builtin" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "global-process" }, () => ({
      contents: "export default globalThis.process;",
      loader: "js",
    }));
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, async ({ path }) => {
      const names = Object.keys(await import(path)).filter((name) => name !== "default");
      return {
        contents: [
          "let m;",
          `const load = () => (m ??= process.getBuiltinModule(${JSON.stringify(path)}));`,
          `for (const name of ${JSON.stringify(names)})`,
          "  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
        ].join("\n"),
        loader: "js",
      };
    });
  },
};
/**
 * Bundled CommonJS packages whose module code runs on first use instead of at start-up:
 * an `import x from "pkg"` of one resolves to a small CommonJS module whose exports are
 * getters that `require("pkg")` once (esbuild bundles that `require` as a call of the
 * package's wrapper, run the first time). geographiclib's module code took a few ms of
 * every start-up (main thread and each worker) and only `--metric geodesic` needs it.
 */
const LAZY_CJS = new Set(["geographiclib-geodesic"]);
const lazyPackages = {
  name: "lazy-packages",
  setup(b) {
    b.onResolve({ filter: /^[\w@][\w./@-]*$/ }, (args) =>
      args.kind === "import-statement" && LAZY_CJS.has(args.path)
        ? { path: args.path, namespace: "lazy-cjs", pluginData: args.resolveDir }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-cjs" }, ({ path, pluginData: resolveDir }) => {
      const names = Object.keys(createRequire(join(resolveDir, "x.js"))(path));
      return {
        contents: [
          "let m;",
          `const load = () => (m ??= require(${JSON.stringify(path)}));`,
          `for (const name of ${JSON.stringify(names)})`,
          "  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
        ].join("\n"),
        loader: "js",
        resolveDir,
      };
    });
  },
};
const { version } = JSON.parse(readFileSync(join(cli, "package.json"), "utf8"));
// Bundled CommonJS calls require() for built-ins; it is created on its first call (the
// bundle's only use of it is esbuild's `__require` helper, which calls it).
const banner = [
  "let __dmxRequire;",
  'const require = (id) => (__dmxRequire ??= process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);',
].join("\n");

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
  // (dropped below from the files that do not call it).
  banner: { js: banner },
  define: { DMX_VERSION: JSON.stringify(version) },
  plugins: [lazyBuiltins, lazyPackages],
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
    `bundle.mjs: the bundle starts files by URL that are not in dist/; list them in their package's workerFiles:\n  ${missing.join("\n  ")}`,
  );
}
