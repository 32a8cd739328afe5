// Benchmark: @dmx/thread-pool (built, dist/) against workerpool, piscina and tinypool, side by
// side in one process. Run after building: `pnpm --filter @dmx/thread-pool bench`.
// Env: BENCH_ROUNDS (default 3; the median round counts), BENCH_SCALE (default 1; < 1 for a
// quick smoke run). Every pool gets the same number of threads and the same task module, all
// are started and warmed up before anything is timed, rounds interleave the pools (so a burst
// of noise from elsewhere on the machine hits them alike) and the main thread collects its
// garbage before each timed run (so no pool pays for the previous one's promises).
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Piscina } from "piscina";
import { Tinypool } from "tinypool";
import workerpool from "workerpool";
import { ThreadPool } from "../dist/index.js";

const threads = availableParallelism();
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const TINY = Math.round(100_000 * scale);
const CPU = Math.round(1_000 * scale);
const LATENCY = Math.round(2_000 * scale);
const tasksUrl = new URL("./tasks.mjs", import.meta.url);
const tasksPath = tasksUrl.pathname;
setFlagsFromString("--expose-gc");
const gc = /** @type {() => void} */ (runInNewContext("gc"));

/** @typedef {{ name: string, run: (task: string, arg: number) => Promise<unknown>, close: () => Promise<unknown> }} Contender */

/** @returns {Contender[]} */
function contenders() {
  const ours = new ThreadPool(tasksUrl, { size: threads });
  const wp = workerpool.pool(new URL("./workerpool-worker.mjs", import.meta.url).pathname, {
    maxWorkers: threads,
    minWorkers: threads,
    workerType: "thread",
  });
  const piscina = new Piscina({ filename: tasksPath, minThreads: threads, maxThreads: threads });
  const tinypool = new Tinypool({ filename: tasksPath, minThreads: threads, maxThreads: threads });
  return [
    { name: "@dmx/thread-pool", run: (t, x) => ours.run(t, [x]), close: () => ours.close() },
    { name: "workerpool", run: (t, x) => wp.exec(t, [x]), close: async () => wp.terminate() },
    { name: "piscina", run: (t, x) => piscina.run(x, { name: t }), close: () => piscina.close() },
    {
      name: "tinypool",
      run: (t, x) => tinypool.run(x, { name: t }),
      close: () => tinypool.destroy(),
    },
  ];
}

/** Sum of the results of the last throughput run per task name, to check every pool did the same work. */
/** @type {Record<string, Record<string, number>>} */
const checksums = {};

/**
 * Submits `count` tasks at once and waits for all of them; returns milliseconds.
 * @param {Contender} c
 * @param {string} task
 * @param {number} count
 */
async function throughput(c, task, count) {
  const start = performance.now();
  const pending = new Array(count);
  for (let i = 0; i < count; i++) pending[i] = c.run(task, i);
  const results = await Promise.all(pending);
  const ms = performance.now() - start;
  let sum = 0;
  for (const r of results) sum += /** @type {number} */ (r);
  if (task === "tiny" && sum !== (count * (count + 1)) / 2) {
    throw new Error(`${c.name}: wrong results for "tiny"`);
  }
  checksums[task] ??= {};
  checksums[task][c.name] = sum;
  return ms;
}

/**
 * One task at a time: the round trip of a single small task; returns median microseconds.
 * @param {Contender} c
 * @param {number} count
 */
async function latency(c, count) {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await c.run("tiny", i);
    samples[i] = (performance.now() - start) * 1000;
  }
  samples.sort();
  return samples[Math.floor(count / 2)];
}

const scenarios = [
  {
    key: "a",
    label: `(a) ${TINY.toLocaleString("en")} tiny tasks`,
    unit: "ms",
    run: (/** @type {Contender} */ c) => throughput(c, "tiny", TINY),
  },
  {
    key: "b",
    label: `(b) ${CPU.toLocaleString("en")} CPU-bound chunks`,
    unit: "ms",
    run: (/** @type {Contender} */ c) => throughput(c, "cpu", CPU),
  },
  {
    key: "c",
    label: "(c) latency, one task at a time (median)",
    unit: "µs",
    run: (/** @type {Contender} */ c) => latency(c, LATENCY),
  },
];

const pools = contenders();
// Warm up: start every thread and JIT the paths.
for (const c of pools) {
  await throughput(c, "tiny", 2_000);
  await throughput(c, "cpu", threads * 2);
}
/** Per scenario and pool: wall time (or latency) and process CPU milliseconds of every round. */
/** @type {Record<string, Record<string, { value: number[], cpu: number[] }>>} */
const samples = {};
const loadBefore = loadavg()[0];
for (let r = 0; r < rounds; r++) {
  for (const s of scenarios) {
    // Rotate who goes first each round, so no pool always runs right after a given other.
    const order = pools.map((_, i) => pools[(i + r) % pools.length]);
    for (const c of order) {
      gc();
      await settle();
      const cpu0 = process.cpuUsage();
      const value = await s.run(c);
      const cpu = process.cpuUsage(cpu0);
      samples[s.key] ??= {};
      samples[s.key][c.name] ??= { value: [], cpu: [] };
      samples[s.key][c.name].value.push(value);
      samples[s.key][c.name].cpu.push((cpu.user + cpu.system) / 1000);
    }
  }
}
const loadAfter = loadavg()[0];
await Promise.all(pools.map((c) => c.close()));
// Every pool must have computed the same numbers for (b).
const cpuSums = new Set(Object.values(checksums.cpu ?? {}));
if (cpuSums.size !== 1) throw new Error(`pools disagree on "cpu" results: ${[...cpuSums]}`);

/** A short pause, so background work left by the previous run (GC, JIT) finishes off the clock. */
function settle() {
  return new Promise((resolve) => setTimeout(resolve, 100));
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const names = pools.map((c) => c.name);
const fmt = (/** @type {number} */ v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const header = ["scenario", ...names, "ours / best other"];
const rows = scenarios.map((s) => {
  /** @type {Record<string, number>} */
  const values = {};
  for (const n of names) values[n] = median(samples[s.key][n].value);
  const others = Math.min(...names.slice(1).map((n) => values[n]));
  return [
    s.label,
    ...names.map((n) => `${fmt(values[n])} ${s.unit}`),
    `${(values[names[0]] / others).toFixed(2)}x`,
  ];
});
console.log(
  `Node ${process.version}, ${threads} threads per pool, median of ${rounds} rounds (lower is better); ` +
    `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after\n`,
);
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log("\n(b) every round, ms of wall time / ms of CPU time (all threads of the process):");
for (const n of names) {
  const { value, cpu } = samples.b[n];
  const each = value.map((v, i) => `${fmt(v)}/${fmt(cpu[i])}`).join(", ");
  console.log(`- ${n}: ${each} (median CPU ${fmt(median(cpu))})`);
}
