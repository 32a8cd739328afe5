// Benchmark: @dmx/thread-pool (built, dist/) against workerpool, piscina and tinypool, side by
// side in one process. Run after building: `pnpm --filter @dmx/thread-pool bench`.
// Env: BENCH_ROUNDS (default 3; the best round counts), BENCH_SCALE (default 1; < 1 for a
// quick smoke run). Every pool gets the same number of threads, all started and warmed up
// before anything is timed.
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
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

/** CPU milliseconds (user + system, every thread of this process) spent per scenario and pool. */
/** @type {Record<string, Record<string, number>>} */
const cpuMs = {};

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
  if (task === "tiny" && results[count - 1] !== count) throw new Error(`${c.name}: wrong result`);
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
/** @type {Record<string, Record<string, number>>} */
const best = {};
const loadBefore = loadavg()[0];
for (let r = 0; r < rounds; r++) {
  for (const s of scenarios) {
    // Rotate who goes first each round, so no pool always runs right after a given other.
    const order = pools.map((_, i) => pools[(i + r) % pools.length]);
    for (const c of order) {
      const cpu0 = process.cpuUsage();
      const value = await s.run(c);
      const cpu = process.cpuUsage(cpu0);
      best[s.key] ??= {};
      cpuMs[s.key] ??= {};
      if (value < (best[s.key][c.name] ?? Infinity)) {
        best[s.key][c.name] = value;
        cpuMs[s.key][c.name] = (cpu.user + cpu.system) / 1000;
      }
    }
  }
}
const loadAfter = loadavg()[0];
await Promise.all(pools.map((c) => c.close()));

const names = pools.map((c) => c.name);
const fmt = (/** @type {number} */ v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const header = ["scenario", ...names, "ours / best other"];
const rows = scenarios.map((s) => {
  const values = best[s.key];
  const others = Math.min(...names.slice(1).map((n) => values[n]));
  return [
    s.label,
    ...names.map((n) => `${fmt(values[n])} ${s.unit}`),
    `${(values[names[0]] / others).toFixed(2)}x`,
  ];
});
console.log(
  `Node ${process.version}, ${threads} threads per pool, best of ${rounds} rounds (lower is better); ` +
    `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after\n`,
);
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
const cpuRow = names.map((n) => `${n} ${fmt(cpuMs.b[n])} ms`).join(", ");
console.log(`\nCPU time of the best (b) round (all threads): ${cpuRow}`);
