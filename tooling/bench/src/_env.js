// The environment every timed command runs in, and what was taken out of it.
//
// This machine (like many behind a TLS-intercepting proxy) sets NODE_EXTRA_CA_CERTS. Node
// before 22 parses that bundle at every process start, whether or not the process ever
// opens a TLS connection (nodejs/node#40524): ~110 ms here, more than a whole `node -e 0`
// without it. dmx opens no connection, Python ignores the variable, and Node 22+ loads it
// lazily; so the timed commands run without it, and the header prints what it would cost.
// Users behind such a proxy pay it too: run.js times every Node command of a wall-time
// target a second time with the variable as found (`caEnv`), for the table's last columns.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

const REMOVED = ["NODE_EXTRA_CA_CERTS"];

/** process.env without the variables above (for spawn/spawnSync/hyperfine). */
export const benchEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !REMOVED.includes(name)),
);

/** process.env as found, with NODE_EXTRA_CA_CERTS; `null` when it is not set here. */
export const caEnv = process.env.NODE_EXTRA_CA_CERTS ? process.env : null;

const nodeMajor = Number(process.versions.node.split(".")[0]);

function medianStartMs(env, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ["-e", "0"], { env, stdio: "ignore" });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1];
}

/** One header line saying what was removed and what it costs a Node start here. */
export function envNote() {
  const set = REMOVED.filter((name) => process.env[name] !== undefined);
  if (set.length === 0)
    return "environment: as found (NODE_EXTRA_CA_CERTS not set, so the last column is n/a)";
  const without = medianStartMs(benchEnv);
  const withIt = medianStartMs(process.env);
  return `environment: ${set.join(", ")} unset for every timed command (set on this machine; \`node -e 0\` takes ${withIt.toFixed(0)} ms with it, ${without.toFixed(0)} ms without: Node ${nodeMajor} parses it at every start, nodejs/node#40524); the last column times the Node commands again with it set, in the same rounds`;
}
