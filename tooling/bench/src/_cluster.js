// The cluster target of run.js: dmx compute --cluster through a real redis-server on loopback,
// three ways side by side per round: 2 `dmx worker` processes x 1 thread, 1 worker x 1
// thread, and the local `shared` executor with 2 threads. The workers start (and stop)
// outside the timed command. Then the throughput model of ../README.md ("Beyond one
// machine"), fitted from the rows.
//
// Run directly, it is the figure of the course's page "Beyond one machine" (smaller N, so it
// takes a minute or two; the N are printed):
//   node tooling/bench/src/_cluster.js [--geodesic 3000] [--haversine 10000] [--rounds 1]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { dmxBin } from "./_dmx-bin.js";
import { benchEnv } from "./_env.js";
import { median, runOnce } from "./_proc.js";
import { ms, num } from "./_table.js";
import { generatePlaces, writePlacesCsv } from "./generate.js";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startRedis() {
  const which = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  if (which.status !== 0)
    return { error: "redis-server not installed (apt-get install redis-server)" };
  const port = await freePort();
  const child = spawn(
    which.stdout.trim(),
    ["--save", "", "--appendonly", "no", "--port", String(port), "--bind", "127.0.0.1"],
    { stdio: "ignore" },
  );
  await sleep(300);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** Starts `count` workers (1 thread each) and resolves once each says it is ready. */
async function startWorkers(dmxBin, url, count) {
  const workers = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(
      process.execPath,
      [dmxBin, "worker", "--redis", url, "--threads", "1", "--quiet"],
      {
        stdio: ["ignore", "ignore", "pipe"],
        env: benchEnv,
      },
    );
    let err = "";
    const ready = new Promise((resolve, reject) => {
      child.stderr.on("data", (d) => {
        err += d;
        if (err.includes("ready")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`dmx worker exited ${code}: ${err.trim()}`)));
    });
    ready.catch(() => {});
    workers.push({ child, ready });
  }
  await Promise.all(workers.map((w) => w.ready));
  return async () => {
    for (const w of workers) w.child.kill("SIGTERM");
    await Promise.all(
      workers.map(
        (w) => new Promise((r) => (w.child.exitCode === null ? w.child.once("exit", r) : r())),
      ),
    );
    await sleep(300); // heartbeat keys gone or expiring; the next set starts clean
  };
}

/**
 * One cluster row: `n` places, `metric`, npy; `rounds` rounds of the three ways. Returns
 * `{ medians: { two, one, local }, times, bytes, same, commands }` or `{ error }`.
 */
export async function clusterRow({ dmxBin, csv, work, metric, rounds, log }) {
  const redis = await startRedis();
  if (redis.error) return { error: redis.error };
  const out = {
    two: join(work, "c-two.npy"),
    one: join(work, "c-one.npy"),
    local: join(work, "c-local.npy"),
  };
  const compute = (o, extra) => [
    process.execPath,
    dmxBin,
    "compute",
    csv,
    "--metric",
    metric,
    "--format",
    "npy",
    "-o",
    o,
    "--quiet",
    ...extra,
  ];
  const argv = {
    two: compute(out.two, ["--cluster", redis.url]),
    one: compute(out.one, ["--cluster", redis.url]),
    local: compute(out.local, ["--executor", "shared", "--threads", "2"]),
  };
  const times = { two: [], one: [], local: [] };
  const tools = { gnuTime: null, procfs: false };
  let same = true;
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotate the order per round, so a slow spell of the machine falls on each way in turn.
      const order = ["two", "one", "local"];
      for (let k = 0; k < round % 3; k++) order.push(order.shift());
      for (const way of order) {
        rmSync(out[way], { force: true });
        const stop =
          way === "local" ? null : await startWorkers(dmxBin, redis.url, way === "two" ? 2 : 1);
        try {
          const r = await runOnce(argv[way], tools);
          if (!r.ok)
            return {
              error: `${way}: exit ${r.code}: ${r.stderr.split("\n").slice(-2).join(" / ")}`,
            };
          times[way].push(r.wallMs);
          log(`  round ${round + 1} ${way}: ${ms(r.wallMs)}`);
        } finally {
          await stop?.();
        }
      }
      // Byte-identical outputs (compared in chunks: the haversine row is 1.6 GB).
      same &&= filesEqual(out.two, out.local) && filesEqual(out.one, out.local);
    }
    const bytes = statSize(out.local);
    return {
      medians: { two: median(times.two), one: median(times.one), local: median(times.local) },
      times,
      bytes,
      same,
      commands: argv,
    };
  } finally {
    for (const f of Object.values(out)) rmSync(f, { force: true });
    await redis.stop();
  }
}

function statSize(path) {
  return spawnSync("stat", ["-c", "%s", path], { encoding: "utf8" }).stdout.trim() * 1;
}

function filesEqual(a, b) {
  const r = spawnSync("cmp", ["-s", a, b]);
  if (r.error) return readFileSync(a).equals(readFileSync(b)); // no cmp: small files only
  return r.status === 0;
}

/**
 * The model: a run of P pairs on N one-thread workers takes about
 * T(N) = T0 + max(P·c / N, P·b / B): compute spread over the workers, or the bytes (b per
 * value) through the coordinator's Redis path (bandwidth B), whichever is slower.
 * Fitted: c from the CPU-bound row (1 worker), B from the output-bound row (2 workers),
 * T0 from the local run. Machines stop paying at N* = B·c / b.
 */
export function fitModel(cpu, out) {
  const t0 = 0.3; // s: a dmx process start, reading the CSV, connecting (measured: ~0.3 s)
  const c = (cpu.medians.one / 1000 - t0) / cpu.pairs; // s per pair, one thread
  const bandwidth = out.bytes / Math.max(out.medians.two / 1000 - t0, 1e-3); // bytes/s
  const cOut = Math.max((out.medians.local / 1000 - t0) * 2, 1e-3) / out.pairs; // haversine, s/pair/thread
  const nStar = (cPair, b) => (bandwidth * cPair) / b;
  return {
    t0,
    c,
    bandwidth,
    cOut,
    nGeodesic: nStar(c, 8),
    nHaversine: nStar(cOut, 8),
    lines: [
      `model: T(N) = T0 + max(P*c/N, P*b/B); fitted T0 = ${t0} s, c(geodesic) = ${num(c * 1e9, 0)} ns/pair/thread, c(haversine) = ${num(cOut * 1e9, 1)} ns/pair/thread (local shared), B = ${num(bandwidth / 1e6, 0)} MB/s through Redis (loopback)`,
      `model: adding 1-thread machines pays until N* = B*c/b: geodesic npy (b = 8) N* ~ ${num(nStar(c, 8), 0)}; float32 (b = 4) ~ ${num(nStar(c, 4), 0)}; pairs CSV (b ~ 32) ~ ${num(nStar(c, 32), 0)}; haversine npy ~ ${num(nStar(cOut, 8), 2)} (below 1: one local thread beats any cluster)`,
    ],
  };
}

const mb = (bytes) => `${num(bytes / 1e6, 0)} MB`;

/** One line of the figure's table: a row's three ways, ratios and whether outputs match. */
function figureLine(label, r) {
  const { two, one, local } = r.medians;
  return `| ${label} | ${ms(two)} | ${ms(one)} | ${ms(local)} | ${num(one / two, 2)}x | ${num(two / local, 2)}x | ${r.same ? "cmp-identical" : "DIFFER"} |`;
}

/**
 * The figure of the page "Beyond one machine": both rows (geodesic and haversine to npy, the
 * three ways), as a table, and the model fitted from them. Prints to stdout; exit 1 if a row
 * failed or outputs differ.
 */
async function figure(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      geodesic: { type: "string", default: "3000" },
      haversine: { type: "string", default: "10000" },
      rounds: { type: "string", default: "1" },
    },
  });
  const sizes = { geodesic: Number(values.geodesic), haversine: Number(values.haversine) };
  const rounds = Number(values.rounds);
  const work = mkdtempSync(join(tmpdir(), "dmx-cluster-figure-"));
  const rows = {};
  try {
    for (const [metric, n] of Object.entries(sizes)) {
      const csv = join(work, `${metric}-${n}.csv`);
      await writePlacesCsv(csv, generatePlaces(n, 42));
      const r = await clusterRow({ dmxBin, csv, work, metric, rounds, log: () => {} });
      if (r.error) {
        console.log(`${metric} ${n}: ${r.error}`);
        return 1;
      }
      rows[metric] = { ...r, pairs: (n * (n - 1)) / 2, n };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const { geodesic: cpu, haversine: out } = rows;
  console.log(
    `dmx compute --cluster on this machine: redis-server on loopback; median of ${rounds} round${rounds === 1 ? "" : "s"}, the three ways alternating`,
  );
  console.log("");
  console.log(
    "| places -> npy | 2 workers x 1 thread | 1 worker x 1 thread | local shared, 2 threads | 2 workers vs 1 | 2 workers vs local | outputs |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  console.log(figureLine(`geodesic ${num(cpu.n)} (${mb(cpu.bytes)})`, cpu));
  console.log(figureLine(`haversine ${num(out.n)} (${mb(out.bytes)})`, out));
  console.log("");
  for (const line of fitModel(cpu, out).lines) console.log(line);
  return cpu.same && out.same ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await figure(process.argv.slice(2));
}
