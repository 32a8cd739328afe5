#!/usr/bin/env node
// Repository contract checks run by .ci/run (plain JS: runs before anything is built).
// 1. The pnpm catalog (pnpm-workspace.yaml) and the copy Deno reads (package.json "catalog")
//    pin the same versions.
// 2. README "## Quick start" holds one ```sh block of exactly two lines.
import { readFileSync } from "node:fs";

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

if (problems.length > 0) {
  for (const p of problems) console.error(`check-repo: ${p}`);
  process.exit(1);
}
console.log(
  `check-repo: catalog (${Object.keys(yamlCatalog).length} pins) and README quick start are consistent`,
);
