#!/usr/bin/env node
// The dmx CLI under Deno, checked against Node.
//
//   node tooling/scripts/deno-cli.mjs               in this checkout (after pnpm install + build)
//   node tooling/scripts/deno-cli.mjs --clone DIR   DIR is a fresh clone with no node_modules
//
// With --clone, the README's Deno commands run in DIR exactly as documented (`deno run -A
// apps/cli/src/bin.ts ...`: Deno fetches the npm packages itself), and DIR must still have no
// node_modules afterwards. Without it they run here with `--node-modules-dir=manual` (pnpm's
// node_modules, no download). Either way: `compute` on the sample, `iot run`, `demo
// event-loop`, then every executor under Deno and under Node (this checkout's built
// dist/bin.js): same places in the same order, every distance within 1e-14 relative. Deno's
// V8 has its own Math.sin/Math.cos, so not every last digit matches (README, "Runtimes").
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({ options: { clone: { type: "string" } } });
const cwd = values.clone ?? root;
const deno = join(root, "node_modules/.bin/deno");
const denoArgs = values.clone ? ["run", "-A"] : ["run", "--node-modules-dir=manual", "-A"];
const EXECUTORS = [
  "sequential",
  "worker-per-task",
  "thread-pool",
  "workerpool",
  "process",
  "async",
  "shared",
];
const ROWS = 1540; // pairs of the 56 places in examples/world-cities.csv
const TOLERANCE = 1e-14;

function fail(message) {
  console.error(`deno-cli: ${message}`);
  process.exit(1);
}

/** Runs a command; returns stdout, or fails with its stderr. */
function run(label, cmd, args, dir) {
  try {
    return execFileSync(cmd, args, {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
  } catch (error) {
    fail(`${label} failed (exit ${error.status}):\n${error.stderr}${error.stdout}`);
  }
}

const dmxDeno = (args) =>
  run(`deno ${args.join(" ")}`, deno, [...denoArgs, "apps/cli/src/bin.ts", ...args], cwd);
const dmxNode = (args) =>
  run(`node ${args.join(" ")}`, process.execPath, ["apps/cli/dist/bin.js", ...args], root);

/** `names,distance` rows of a pairs CSV. */
function rows(path) {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  return lines.map((line) => {
    const at = line.lastIndexOf(",");
    return [line.slice(0, at), Number(line.slice(at + 1))];
  });
}

if (values.clone && existsSync(join(cwd, "node_modules"))) fail(`${cwd} has a node_modules`);

// 1. The documented commands, as written (in this checkout, to a temporary file instead of
// examples/output.csv, which may be the user's).
const dir = mkdtempSync(join(tmpdir(), "dmx-deno-cli-"));
const sample = values.clone ? join(cwd, "examples/output.csv") : join(dir, "output.csv");
rmSync(sample, { force: true });
dmxDeno(["compute", "examples/world-cities.csv", ...(values.clone ? [] : ["-o", sample])]);
if (rows(sample).length !== ROWS) fail(`${sample}: expected ${ROWS} rows`);
console.log(`deno-cli: compute examples/world-cities.csv wrote ${ROWS} rows`);
rmSync(sample, { force: true });
const iot = dmxDeno(["iot", "run", "wake-up"]);
if (!/total \d+ ms/.test(iot)) fail(`iot run wake-up printed no total:\n${iot}`);
console.log("deno-cli: iot run wake-up ok");
const demo = dmxDeno(["demo", "event-loop", "--tasks", "3", "--ms", "50", "--json"]);
JSON.parse(demo);
console.log("deno-cli: demo event-loop --json ok");

// 2. Every executor: Deno against Node.
try {
  const input = join(root, "examples/world-cities.csv");
  for (const executor of EXECUTORS) {
    const out = {
      deno: join(dir, `deno-${executor}.csv`),
      node: join(dir, `node-${executor}.csv`),
    };
    const args = (o) => ["compute", input, "--executor", executor, "--threads", "2", "-o", o];
    dmxDeno(args(out.deno));
    dmxNode(args(out.node));
    const d = rows(out.deno);
    const n = rows(out.node);
    if (d.length !== ROWS || n.length !== ROWS) {
      fail(`${executor}: expected ${ROWS} rows, got deno ${d.length}, node ${n.length}`);
    }
    let identical = 0;
    let worst = 0;
    d.forEach(([names, value], k) => {
      const [nodeNames, nodeValue] = n[k];
      if (names !== nodeNames)
        fail(`${executor} row ${k + 1}: ${names} (deno), ${nodeNames} (node)`);
      const rel = value === nodeValue ? 0 : Math.abs(value - nodeValue) / Math.abs(nodeValue);
      if (!(rel <= TOLERANCE))
        fail(`${executor} row ${k + 1}: ${value} (deno), ${nodeValue} (node)`);
      if (rel === 0) identical++;
      worst = Math.max(worst, rel);
    });
    console.log(
      `deno-cli: ${executor.padEnd(15)} ${ROWS} rows as under Node: ${identical} bit-identical, max relative difference ${worst.toExponential(1)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (values.clone && existsSync(join(cwd, "node_modules"))) {
  fail(`Deno created ${join(cwd, "node_modules")}`);
}
