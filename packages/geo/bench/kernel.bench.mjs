// Haversine all-pairs kernel, ns per pair, side by side in one run:
//   plain    the haversine formula (ARCHITECTURE.md, "Metrics") in a plain loop (Math.sin, Math.cos, Math.atan2)
//   chord-js @dmx/geo pdist, JavaScript backend (chord form, rational arcsine)
//   pdist    @dmx/geo pdist, default backend (WebAssembly SIMD), one thread
//   2 thr    pdistRows on 2 worker threads into a SharedArrayBuffer, tiles of ~2^18 values
// Timed by tinybench (the one in-process micro-benchmark harness of the repository): one warm-up
// run, then the best of --repeat (default 3). Usage:
//   pnpm --filter @dmx/geo bench [-- --n 10000 --repeat 3 --threads 2 --json]
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { Bench } from "tinybench";
import { condensedLength, haversineBackend, pdist, setHaversineBackend } from "../dist/index.js";
import { randomPoints, sharedPoints } from "./_points.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const n = option("n", 10_000);
const repeat = option("repeat", 3);
const threads = option("threads", 2);
const json = args.includes("--json");
const pairs = condensedLength(n);
const R = 6371.0088;
const RAD = Math.PI / 180;

const points = randomPoints(n, 42);
const out = new Float64Array(pairs);

function plain({ lat, lon }, target) {
  let o = 0;
  for (let i = 0; i < n; i++) {
    const p1 = lat[i] * RAD;
    const l1 = lon[i] * RAD;
    const c1 = Math.cos(p1);
    for (let j = i + 1; j < n; j++) {
      const p2 = lat[j] * RAD;
      const s1 = Math.sin((p2 - p1) / 2);
      const s2 = Math.sin((lon[j] * RAD - l1) / 2);
      const a = s1 * s1 + c1 * Math.cos(p2) * s2 * s2;
      target[o++] = R * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
  }
}

/** Milliseconds of the fastest of `repeat` runs of `run`, after one warm-up run (tinybench). */
async function best(name, run) {
  const bench = new Bench({ iterations: repeat, time: 0, warmupIterations: 1, warmupTime: 0 });
  bench.add(name, run);
  await bench.run();
  const task = bench.getTask(name);
  if (task?.result.state !== "completed") throw task?.result.error ?? new Error(`${name} failed`);
  return task.result.latency.min;
}

function maxRelativeError(reference, values) {
  let worst = 0;
  for (let k = 0; k < reference.length; k += 7) {
    const ref = reference[k];
    const err = ref > 1e-3 ? Math.abs(values[k] - ref) / ref : Math.abs(values[k] - ref);
    if (err > worst) worst = err;
  }
  return worst;
}

async function parallel(backend) {
  const shared = sharedPoints(points);
  const buffer = new SharedArrayBuffer(pairs * 8);
  // Split rows so each worker gets about the same number of pairs.
  const bounds = [0];
  for (let t = 1; t < threads; t++) {
    const goal = (pairs * t) / threads;
    let i = bounds[t - 1];
    let done = 0;
    for (let r = 0; r < i; r++) done += n - 1 - r;
    while (done < goal && i < n) done += n - 1 - i++;
    bounds.push(i);
  }
  bounds.push(n);
  const tileRows = Math.max(1, Math.floor((1 << 18) / (n / 2)));
  const workers = bounds
    .slice(0, -1)
    .map(() => new Worker(new URL("./_worker.mjs", import.meta.url)));
  const run = () =>
    Promise.all(
      workers.map(
        (w, t) =>
          new Promise((resolve) => {
            w.once("message", resolve);
            w.postMessage({
              points: shared,
              out: buffer,
              rows: [[bounds[t], bounds[t + 1]]],
              tileRows,
              backend,
            });
          }),
      ),
    );
  try {
    const ms = await best("pdistRows tiles", run);
    return { ms, values: new Float64Array(buffer) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const rows = [];
const reference = new Float64Array(pairs);
const plainMs = await best("plain", () => plain(points, reference));
rows.push({ kernel: "plain Math.sin/atan2 loop", threads: 1, ms: plainMs, maxRelErr: 0 });

const backend = haversineBackend();
setHaversineBackend("js");
const jsMs = await best("pdist js", () => pdist(points, {}, out));
rows.push({
  kernel: "pdist, js backend",
  threads: 1,
  ms: jsMs,
  maxRelErr: maxRelativeError(reference, out),
});
setHaversineBackend(undefined);
out.fill(0);
const fastMs = await best("pdist", () => pdist(points, {}, out));
rows.push({
  kernel: `pdist, ${backend} backend`,
  threads: 1,
  ms: fastMs,
  maxRelErr: maxRelativeError(reference, out),
});
if (threads > 1) {
  const { ms, values } = await parallel(backend);
  rows.push({
    kernel: `pdistRows tiles, ${backend} backend`,
    threads,
    ms,
    maxRelErr: maxRelativeError(reference, values),
  });
}

const results = rows.map((r) => ({
  ...r,
  nsPerPair: (r.ms * 1e6) / pairs,
  speedup: plainMs / r.ms,
}));
if (json) {
  console.log(JSON.stringify({ n, pairs, repeat, cpus: availableParallelism(), results }, null, 2));
} else {
  console.log(
    `haversine all pairs: n = ${n} (${pairs} pairs), warm, best of ${repeat}; ${availableParallelism()} CPUs`,
  );
  console.log(
    "kernel                              threads    ms     ns/pair  vs plain  max rel err",
  );
  for (const r of results) {
    console.log(
      `${r.kernel.padEnd(36)}${String(r.threads).padStart(4)}${r.ms.toFixed(1).padStart(9)}${r.nsPerPair.toFixed(2).padStart(10)}${`${r.speedup.toFixed(1)}x`.padStart(9)}  ${r.maxRelErr.toExponential(1)}`,
    );
  }
}
