#!/usr/bin/env node
// Repository contract checks run by .ci/run (plain JS: runs before anything is built).
// 1. The pnpm catalog (pnpm-workspace.yaml) and the copy Deno reads (package.json "catalog")
//    pin the same versions.
// 2. README "## Quick start" holds one ```sh block of exactly two lines.
// 3. Every `pnpm <x>` in README.md and CONTRIBUTING.md runs what it names: a root script (or,
//    after `--filter <package>`, that package's script), or a pnpm command that is not a
//    script's namesake (`pnpm docs` opens a web page; the site builds with `pnpm docs:build`).
// 4. Each Deno package (packages/*/deno.json, apps/cli/deno.json) pins its `npm:` imports to
//    the catalog's versions and carries its package.json version.
// 5. Every changeset (.changeset/*.md) opens with the frontmatter Changesets parses, naming
//    workspace packages and patch/minor/major: a Markdown formatter once read `"dmx": minor`
//    under `---` as a heading and wrote `## "dmx": minor`, which made `changeset version` fail.
import { existsSync, readdirSync, readFileSync } from "node:fs";

const problems = [];

const yaml = readFileSync("pnpm-workspace.yaml", "utf8");
const yamlCatalog = {};
let inCatalog = false;
for (const line of yaml.split("\n")) {
  if (/^catalog:\s*$/.test(line)) {
    inCatalog = true;
    continue;
  }
  if (inCatalog && /^\S/.test(line)) inCatalog = false;
  const m = inCatalog && line.match(/^\s+"?([^":]+)"?:\s*(\S+)\s*$/);
  if (m) yamlCatalog[m[1]] = m[2];
}
const denoCatalog = JSON.parse(readFileSync("package.json", "utf8")).catalog ?? {};
for (const name of new Set([...Object.keys(yamlCatalog), ...Object.keys(denoCatalog)])) {
  if (yamlCatalog[name] !== denoCatalog[name]) {
    problems.push(
      `catalog: ${name} is ${yamlCatalog[name] ?? "missing"} in pnpm-workspace.yaml but ${denoCatalog[name] ?? "missing"} in package.json`,
    );
  }
}

const readme = readFileSync("README.md", "utf8");
const section = readme.split(/^## Quick start\s*$/m)[1]?.split(/^## /m)[0];
const block = section?.match(/```sh\n([\s\S]*?)```/);
const lines = block ? block[1].split("\n").filter((l) => l.trim() !== "") : [];
if (lines.length !== 2) {
  problems.push(
    `README: "## Quick start" needs one \`\`\`sh block of exactly 2 lines, found ${lines.length}`,
  );
}

// 3. pnpm commands in the docs.
/** pnpm's own commands (they win over a script of the same name). */
const PNPM_COMMANDS = new Set(
  (
    "add audit bin cat-file cat-index config create dedupe deploy dlx docs doctor env exec " +
    "fetch find-hash home i import init install install-test it licenses link list ll ln ls " +
    "outdated pack patch patch-commit patch-remove prune publish rb rebuild remove rm root run " +
    "self-update server setup store un uninstall unlink up update upgrade why"
  ).split(" "),
);
/** pnpm commands the docs may use as such. */
const PNPM_USED = new Set(["add", "dlx", "exec", "i", "install", "link", "run", "why"]);
const scriptsOf = (dir) => JSON.parse(readFileSync(`${dir}/package.json`, "utf8")).scripts ?? {};
const packageDirs = new Map();
for (const group of ["packages", "apps", "tooling"]) {
  for (const name of readdirSync(group)) {
    const file = `${group}/${name}/package.json`;
    if (existsSync(file))
      packageDirs.set(JSON.parse(readFileSync(file, "utf8")).name, `${group}/${name}`);
  }
}
const rootScripts = scriptsOf(".");
for (const doc of ["README.md", "CONTRIBUTING.md"]) {
  const text = readFileSync(doc, "utf8");
  const code = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```|`([^`]+)`/g)].map((m) =>
    (m[1] ?? m[2]).replace(/\n/g, " "),
  );
  for (const snippet of code) {
    for (const m of snippet.matchAll(/(?:^|[\s(&|;])pnpm((?:\s+[^\s&|;#)]+)+)/g)) {
      const words = m[1].trim().split(/\s+/);
      let scripts = rootScripts;
      let where = "the root package.json";
      while (words[0]?.startsWith("-")) {
        const flag = words.shift();
        if (flag === "--filter" || flag === "-F") {
          const pkg = words.shift();
          const dir = packageDirs.get(pkg);
          if (dir === undefined) problems.push(`${doc}: \`pnpm${m[1]}\`: no package ${pkg}`);
          scripts = dir === undefined ? {} : scriptsOf(dir);
          where = `${dir}/package.json`;
        }
      }
      let name = words[0];
      if (name === undefined || name.startsWith("<")) continue;
      if (name === "run") {
        name = words[1];
        if (name === undefined || name.startsWith("<")) continue;
        if (!(name in scripts))
          problems.push(`${doc}: \`pnpm${m[1]}\`: no script ${name} in ${where}`);
      } else if (PNPM_COMMANDS.has(name)) {
        if (!PNPM_USED.has(name)) {
          problems.push(
            `${doc}: \`pnpm${m[1]}\` runs pnpm's own \`${name}\` command${name in scripts ? `, not the script ${name}` : ""}`,
          );
        }
      } else if (!(name in scripts)) {
        problems.push(`${doc}: \`pnpm${m[1]}\`: no script ${name} in ${where}`);
      }
    }
  }
}

// 4. Deno packages: npm: imports pinned as in the catalog, versions as in package.json.
const denoDirs = [...readdirSync("packages").map((name) => `packages/${name}`), "apps/cli"].filter(
  (dir) => existsSync(`${dir}/deno.json`),
);
for (const dir of denoDirs) {
  const deno = JSON.parse(readFileSync(`${dir}/deno.json`, "utf8"));
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"));
  if (deno.version !== pkg.version) {
    problems.push(`${dir}/deno.json: version ${deno.version}, package.json says ${pkg.version}`);
  }
  for (const [key, target] of Object.entries(deno.imports ?? {})) {
    const m = /^npm:(@?[^@/]+(?:\/[^@/]+)?)@([^/]+)/.exec(String(target));
    if (!m) continue;
    const pinned = yamlCatalog[m[1]];
    if (pinned !== m[2]) {
      problems.push(
        `${dir}/deno.json: "${key}" pins ${m[1]}@${m[2]}, the catalog pins ${pinned ?? "nothing"}`,
      );
    }
  }
}

const ignoredChangesets = JSON.parse(readFileSync(".changeset/config.json", "utf8")).ignore ?? [];
let changesets = 0;
for (const file of readdirSync(".changeset")) {
  if (!file.endsWith(".md") || file === "README.md") continue;
  changesets++;
  const text = readFileSync(`.changeset/${file}`, "utf8");
  const front = text.match(/^---\n((?:"[^"\n]+": (?:patch|minor|major)\n)+)---\n\n\S/);
  if (!front) {
    problems.push(
      `.changeset/${file}:1:1: not a changeset: it must open with ---, lines "package": patch|minor|major, ---, a blank line and the summary`,
    );
    continue;
  }
  front[1].split("\n").forEach((line, i) => {
    const name = line.match(/^"([^"]+)"/)?.[1];
    if (name && !packageDirs.has(name))
      problems.push(`.changeset/${file}:${i + 2}:2: "${name}" is not a workspace package`);
    else if (name && ignoredChangesets.includes(name))
      problems.push(`.changeset/${file}:${i + 2}:2: "${name}" is ignored by .changeset/config.json`);
  });
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check-repo: ${p}`);
  process.exit(1);
}
console.log(
  `check-repo: catalog (${Object.keys(yamlCatalog).length} pins), README quick start, pnpm commands in README/CONTRIBUTING, ${denoDirs.length} deno.json files and ${changesets} changesets are consistent`,
);
