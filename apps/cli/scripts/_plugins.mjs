// esbuild plugins of scripts/bundle.mjs: what the bundled CLI loads late, or from another file.
import { createRequire, isBuiltin } from "node:module";
import { join } from "node:path";

/**
 * A CommonJS module whose exports `names` are getters of the module that `load` (a
 * JavaScript expression) gives, evaluated on the first read: how built-ins and packages are
 * loaded late below.
 */
function getterModule(names, load) {
  return [
    "let m;",
    `const load = () => (m ??= ${load});`,
    `for (const name of ${JSON.stringify(names)})`,
    "  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
  ].join("\n");
}

/** A JavaScript expression, in a file bundled into dist/, that loads dist/`file` with `loader`'s `loadBundle`. */
export function loadFileExpression(loader, file) {
  return `require(${JSON.stringify(loader)}).loadBundle(require("node:path").join(__dirname, ${JSON.stringify(file)}))`;
}

/**
 * Built-ins loaded on first use: `import { f } from "node:crypto"` resolves to a small
 * CommonJS module whose exports are getters that call `process.getBuiltinModule` once, and
 * esbuild turns each use into `crypto.f`, so a small sequential `dmx compute` loads neither
 * crypto (temp file names), fs/promises (file outputs; it loads readline and fs watchers),
 * net (socket outputs), worker_threads, child_process nor perf_hooks. The export names come
 * from this Node's module. Not for the built-ins every run loads anyway (fs, path, url, ...):
 * those stay plain imports. `require()` calls of bundled CommonJS are left alone.
 */
const LAZY = new Set(
  [
    "child_process",
    "crypto",
    "fs/promises",
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
export const lazyBuiltins = {
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
        contents: getterModule(names, `process.getBuiltinModule(${JSON.stringify(path)})`),
        loader: "js",
      };
    });
  },
};
/**
 * Bundled CommonJS packages whose module code runs on first use instead of at start-up:
 * an `import x from "pkg"` of one resolves to a small CommonJS module whose exports are
 * getters that load the package once, by `load(specifier)` (a JavaScript expression): by
 * default `require(specifier)`, which esbuild bundles as a call of the package's wrapper,
 * run the first time; the CommonJS build loads a file of its own instead (bundle.mjs).
 * geographiclib's module code took a few ms of every start-up (main thread and each worker)
 * and only `--metric geodesic` needs it; csv-parse only reads CSV with quotes.
 */
export function lazyPackages({
  packages = ["geographiclib-geodesic"],
  load = (specifier) => `require(${JSON.stringify(specifier)})`,
} = {}) {
  const lazy = new Set(packages);
  return {
    name: "lazy-packages",
    setup(b) {
      b.onResolve({ filter: /^[#\w@][\w./@#-]*$/ }, (args) =>
        args.kind === "import-statement" && lazy.has(args.path)
          ? { path: args.path, namespace: "lazy-cjs", pluginData: args.resolveDir }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: "lazy-cjs" }, ({ path, pluginData: resolveDir }) => {
        const names = Object.keys(createRequire(join(resolveDir, "x.js"))(path));
        return { contents: getterModule(names, load(path)), loader: "js", resolveDir };
      });
    },
  };
}

/** The global through which dist/_cli-cluster.cjs gets the CLI's own workspace modules. */
const SHARED = 'globalThis[Symbol.for("dmx.cli.shared")]';

/**
 * The CommonJS bundle is three files (see bundle.mjs): a dynamic `import()` named in
 * `split` (specifier -> file in dist/) becomes a call of `loadBundle` (src/_load-bundle.ts),
 * which loads that file with its code cache. Each file is its own esbuild build, so a
 * module in two files would be two copies, with two of each class (`instanceof` would fail
 * across them). So the split-off file does not bundle the workspace packages (`@dmx/*`):
 * with `shared` (a Set, filled while building it) each of its imports of one becomes a read
 * of a global that the importing file fills with its own copy before loading it.
 */
export function cliBundles({ split = {}, shared, loader }) {
  return {
    name: "cli-bundles",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "dynamic-import" && Object.hasOwn(split, args.path)) {
          return { path: args.path, namespace: "cli-bundle", pluginData: args.resolveDir };
        }
        if (shared && /^@dmx\//.test(args.path)) {
          shared.add(args.path);
          return { path: args.path, namespace: "cli-shared" };
        }
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "cli-shared" }, ({ path }) => ({
        contents: `module.exports = ${SHARED}[${JSON.stringify(path)}];`,
        loader: "js",
      }));
      b.onLoad({ filter: /.*/, namespace: "cli-bundle" }, ({ path, pluginData }) => {
        const { file } = split[path];
        const provides = [...(split[path].provides ?? [])];
        return {
          contents: [
            ...(provides.length > 0
              ? [
                  `${SHARED} ??= {`,
                  ...provides.map(
                    (name) => `  ${JSON.stringify(name)}: require(${JSON.stringify(name)}),`,
                  ),
                  "};",
                ]
              : []),
            `module.exports = ${loadFileExpression(loader, file)};`,
          ].join("\n"),
          loader: "js",
          resolveDir: pluginData,
        };
      });
    },
  };
}

/**
 * For the CommonJS build: `await import("node:child_process")` becomes a `require` of it.
 * Code that V8 takes from a code cache keeps the dynamic-import callback of the process that
 * made the cache (Node 20), so an `import()` in it fails with
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING; bundle.mjs checks that none is left.
 */
export const builtinImports = {
  name: "builtin-imports",
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) =>
      args.kind === "dynamic-import" && isBuiltin(args.path)
        ? { path: args.path, namespace: "builtin-require" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "builtin-require" }, ({ path }) => ({
      contents: `module.exports = require(${JSON.stringify(path)});`,
      loader: "js",
    }));
  },
};
