// Target 1, JS side: the executor's compute phase, in memory, through @dmx/executors' public
// API, in a fresh Node process (so the harness's own heap does not disturb it).
//
//   node src/_kernel-js.js <n> <seed> <threads> <repeats> <executor>   → one JSON line
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatePlaces } from "./generate.js";

const R = 6371.0088;
const RAD = Math.PI / 180;

/** The haversine of ARCHITECTURE.md ("Metrics"), scalar: the accuracy reference. */
function haversine(lat1, lon1, lat2, lon2) {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const s1 = Math.sin((p2 - p1) / 2);
  const s2 = Math.sin(((lon2 - lon1) * RAD) / 2);
  const a = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
  return R * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** Runs the measurement in a child process; resolves to its JSON or `{ error }`. */
export function runKernelJs({ n, seed, threads, repeats, executor }) {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [self, n, seed, threads, repeats, executor].map(String), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last));
      else
        resolve({
          error: `JS kernel run failed (exit ${code}): ${err.trim().split("\n").slice(0, 3).join(" / ")}`,
        });
    });
  });
}

async function main([n, seed, threads, repeats, executor]) {
  let api;
  try {
    api = await import("@dmx/executors");
  } catch (error) {
    throw new Error(`cannot load @dmx/executors (build it: pnpm build): ${error.message}`);
  }
  for (const f of ["createExecutor", "computeMatrix", "sharedArray"]) {
    if (typeof api[f] !== "function") throw new Error(`@dmx/executors does not export ${f} yet`);
  }
  const places = generatePlaces(Number(n), Number(seed));
  const N = places.lat.length;
  const pairs = (N * (N - 1)) / 2;
  const origins = { lat: places.lat, lon: places.lon };
  // Cold: computeMatrix as a library user calls it (creates and closes the workers).
  const c0 = performance.now();
  await api.computeMatrix({ origins }, { executor, threads: Number(threads) });
  const coldMs = performance.now() - c0;
  // Warm: one executor kept across runs (workers started), output preallocated, best of N.
  const ex = await api.createExecutor(executor, { threads: Number(threads) });
  const out = executor === "shared" ? api.sharedArray("float64", pairs) : new Float64Array(pairs);
  const tileValues = 1 << 18; // computeMatrix's default for the default executors
  const tiles = api.planTiles("condensed", N, N, tileValues);
  const once = () => api.computeMatrix({ origins }, { executor: ex, out, tileValues });
  const runsMs = [];
  try {
    await once(); // warm-up
    for (let r = 0; r < Number(repeats); r++) {
      const t0 = performance.now();
      await once();
      runsMs.push(performance.now() - t0);
    }
  } finally {
    await ex.close();
  }
  let checksum = 0;
  for (let k = 0; k < pairs; k++) checksum += out[k];
  // Accuracy on a deterministic sample of pairs (the same xorshift walk as the C reference).
  let s = 88172645463325252n;
  const mask = (1n << 64n) - 1n;
  let maxRelErr = 0;
  for (let t = 0; t < 100_000; t++) {
    s ^= (s << 13n) & mask;
    s ^= s >> 7n;
    s ^= (s << 17n) & mask;
    const k = Number(s % BigInt(pairs));
    // row i of the condensed vector starts at i (2N - i - 1) / 2
    let i = Math.floor((2 * N - 1 - Math.sqrt((2 * N - 1) ** 2 - 8 * k)) / 2);
    while ((i * (2 * N - i - 1)) / 2 > k) i--;
    while (((i + 1) * (2 * N - i - 2)) / 2 <= k) i++;
    const j = k - (i * (2 * N - i - 1)) / 2 + i + 1;
    const ref = haversine(places.lat[i], places.lon[i], places.lat[j], places.lon[j]);
    const rel = ref > 1e-3 ? Math.abs(out[k] - ref) / ref : Math.abs(out[k] - ref);
    if (!(rel <= maxRelErr)) maxRelErr = rel;
  }
  const bestMs = Math.min(...runsMs);
  return {
    n: N,
    pairs,
    threads: ex.threads,
    executor,
    tiles: tiles.length,
    coldMs,
    bestMs,
    nsPerPair: (bestMs * 1e6) / pairs,
    runsMs,
    checksum,
    maxRelErr,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
