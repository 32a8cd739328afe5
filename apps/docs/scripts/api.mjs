#!/usr/bin/env node
// @ts-check
// Generates the API reference (Markdown, under api/) from each package's TSDoc with TypeDoc and
// typedoc-plugin-markdown. Runs before `vitepress build` in the `docs` script, so the reference
// always matches packages/*/src/index.ts. One TypeDoc run per package keeps module names clean.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Application } from "typedoc";

/** The packages documented, in sidebar order. */
export const PACKAGES = ["geo", "thread-pool", "executors", "device-sim"];

const docs = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const apiDir = `${docs}api`;

await rm(apiDir, { recursive: true, force: true });
await mkdir(apiDir, { recursive: true });
let failed = false;
const summary = [];
for (const name of PACKAGES) {
  const pkg = `${repo}packages/${name}`;
  const app = await Application.bootstrapWithPlugins({
    entryPoints: [`${pkg}/src/index.ts`],
    tsconfig: `${pkg}/tsconfig.build.json`,
    plugin: ["typedoc-plugin-markdown"],
    name: `@dmx/${name}`,
    out: `${apiDir}/${name}`,
    readme: "none",
    entryFileName: "index",
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useHTMLEncodedBrackets: true,
    sanitizeComments: true,
    disableSources: true,
    excludeInternal: true,
    excludePrivate: true,
    logLevel: "Warn",
    skipErrorChecking: true,
  });
  const project = await app.convert();
  if (!project) {
    console.error(`api: TypeDoc could not convert @dmx/${name}`);
    failed = true;
    continue;
  }
  await app.generateOutputs(project);
  const files = (await readdir(`${apiDir}/${name}`, { recursive: true })).filter((f) =>
    f.endsWith(".md"),
  );
  summary.push(`@dmx/${name}: ${files.length} pages`);
}
// One line per package: its package.json description.
const descriptions = {};
for (const name of PACKAGES) {
  try {
    const json = JSON.parse(
      await readFile(new URL(`../../../packages/${name}/package.json`, import.meta.url), "utf8"),
    );
    descriptions[name] = String(json.description ?? "").replace(/\|/g, "\\|");
  } catch {
    descriptions[name] = "";
  }
}
await writeFile(
  `${apiDir}/index.md`,
  [
    "# API reference",
    "",
    "Generated from the TSDoc comments of each package's `src/index.ts` by TypeDoc on every docs build.",
    "",
    "| package | what it is |",
    "| --- | --- |",
    ...PACKAGES.map((name) => `| [@dmx/${name}](./${name}/) | ${descriptions[name] ?? ""} |`),
    "",
  ].join("\n"),
);
console.log(`api: ${summary.join(", ")}`);
if (failed) process.exitCode = 1;
