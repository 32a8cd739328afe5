// Benchmark: @dmx/thread-pool (built, dist/) against workerpool, piscina and tinypool, side by
// side in one process. Run after building: `pnpm --filter @dmx/thread-pool bench`.
// Env: BENCH_ROUNDS (default 3; the median round counts), BENCH_SCALE (default 1; < 1 for a
// quick smoke run). Every pool gets the same number of threads and the same task module, all
// are started and warmed up before anything is timed. tinybench (the one in-process
// micro-benchmark harness of the repository) times each scenario: each pool is one task, run
// BENCH_ROUNDS times after one warm-up run; before each run the main thread collects its
// garbage and pauses 100 ms (so no pool pays for the previous one's promises, GC or JIT). The
// order of the pools rotates from scenario to scenario, so no pool always runs right after a
// given other.
import { availableParallelism, loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Piscina } from "piscina";
import { Bench } from "tinybench";
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
 * Submits `count` tasks at once and waits for all of them (tinybench times the call).
 * @param {Contender} c
 * @param {string} task
 * @param {number} count
 */
async function throughput(c, task, count) {
  const pending = new Array(count);
  for (let i = 0; i < count; i++) pending[i] = c.run(task, i);
  const results = await Promise.all(pending);
  let sum = 0;
  for (const r of results) sum += /** @type {number} */ (r);
  if (task === "tiny" && sum !== (count * (count + 1)) / 2) {
    throw new Error(`${c.name}: wrong results for "tiny"`);
  }
  checksums[task] ??= {};
  checksums[task][c.name] = sum;
}

/**
 * The result of a finished tinybench task (throws the task's error if it failed).
 * @param {Bench} bench
 * @param {string} name
 */
function completed(bench, name) {
  const result = bench.getTask(name)?.result;
  if (result?.state !== "completed") {
    throw result?.state === "errored" ? result.error : new Error(`${name}: ${result?.state}`);
  }
  return result;
}

/**
 * A scenario: what one timed iteration does, how many iterations a pool gets, whether each
 * iteration starts clean (garbage collected, a pause), and the unit of the reported median.
 * @typedef {{ key: string, label: string, unit: "ms" | "µs", iterations: number, clean: boolean, run: (c: Contender) => Promise<unknown> }} Scenario
 */
/** @type {Scenario[]} */
const scenarios = [
  {
    key: "a",
    label: `(a) ${TINY.toLocaleString("en")} tiny tasks`,
    unit: "ms",
    iterations: rounds,
    clean: true,
    run: (c) => throughput(c, "tiny", TINY),
  },
  {
    key: "b",
    label: `(b) ${CPU.toLocaleString("en")} CPU-bound chunks`,
    unit: "ms",
    iterations: rounds,
    clean: true,
    run: (c) => throughput(c, "cpu", CPU),
  },
  {
    key: "c",
    label: "(c) latency, one task at a time (median)",
    unit: "µs",
    iterations: LATENCY,
    clean: false,
    run: (c) => c.run("tiny", 1),
  },
];

const pools = contenders();
// Warm up: start every thread and JIT the paths.
for (const c of pools) {
  await throughput(c, "tiny", 2_000);
  await throughput(c, "cpu", threads * 2);
}
/** Per scenario and pool: the median (ms or µs), and for clean runs the CPU ms of each round. */
/** @type {Record<string, Record<string, { median: number, min: number, max: number, cpu: number[] }>>} */
const samples = {};
const loadBefore = loadavg()[0];
for (const [k, s] of scenarios.entries()) {
  const bench = new Bench({
    iterations: s.iterations,
    time: 0,
    warmupIterations: s.clean ? 1 : 16,
    warmupTime: 0,
  });
  // Rotate who goes first from scenario to scenario.
  const order = pools.map((_, i) => pools[(i + k) % pools.length]);
  /** @type {Record<string, number[]>} */
  const cpu = {};
  for (const c of order) {
    /** @type {NodeJS.CpuUsage | undefined} */
    let cpu0;
    cpu[c.name] = [];
    const hooks = {
      /** @param {string | undefined} mode */
      beforeEach: async (mode) => {
        gc();
        await settle();
        cpu0 = mode === "run" ? process.cpuUsage() : undefined;
      },
      afterEach: () => {
        if (cpu0 === undefined) return;
        const used = process.cpuUsage(cpu0);
        cpu[c.name].push((used.user + used.system) / 1000);
      },
    };
    bench.add(c.name, () => s.run(c), { async: true, ...(s.clean ? hooks : {}) });
  }
  await bench.run();
  samples[s.key] = {};
  const scale = s.unit === "µs" ? 1000 : 1;
  for (const c of order) {
    const { latency } = completed(bench, c.name);
    samples[s.key][c.name] = {
      median: latency.p50 * scale,
      min: latency.min * scale,
      max: latency.max * scale,
      cpu: cpu[c.name],
    };
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
  for (const n of names) values[n] = samples[s.key][n].median;
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
console.log(
  "\n(b) ms of wall time, median (min–max) / ms of CPU time (all threads of the process) of each round:",
);
for (const n of names) {
  const { median: wall, min, max, cpu } = samples.b[n];
  const each = cpu.map((v) => fmt(v)).join(", ");
  console.log(
    `- ${n}: ${fmt(wall)} (${fmt(min)}–${fmt(max)}) / ${each} (median CPU ${fmt(median(cpu))})`,
  );
}
