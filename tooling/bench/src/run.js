// dmx performance targets 1-9, measured side by side in one run, printed as one table.
//
//   pnpm --filter @dmx/bench bench [--runs 5] [--warmup 1] [--only 1,2,3,4,5,6,7,8,9] [--keep]
//                                  [--cluster-runs 3]
//
// See ../README.md for what each target means.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildReference, C_VARIANTS, runReference } from "./_c-ref.js";
import { clusterRow, fitModel } from "./_cluster.js";
import { maxRelDiff, readNpy, readPairsDistances } from "./_compare.js";
import { dmxBin } from "./_dmx-bin.js";
import { envNote } from "./_env.js";
import { runKernelJs } from "./_kernel-js.js";
import { detectPython, load, machineInfo } from "./_machine.js";
import { detectTools } from "./_proc.js";
import { report } from "./_report.js";
import { mib, ms, num } from "./_table.js";
import { timing } from "./_timing.js";
import { generatePlaces, writePlacesCsv } from "./generate.js";

// `pnpm bench -- --only 2` passes the `--` along: skip it.
const argv = process.argv.slice(2);
const { values: opts } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    runs: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    threads: { type: "string", default: "2" },
    seed: { type: "string", default: "42" },
    only: { type: "string", default: "1,2,3,4,5,6,7,8,9" },
    "cluster-runs": { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
  },
});
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);
const threads = Number(opts.threads);
const seed = Number(opts.seed);
const only = new Set(opts.only.split(",").map((s) => s.trim()));
const LIMIT_KB = 256 * 1024;
const LIMIT_KB_3 = 128 * 1024;

const here = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(here, "out");
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "dmx-bench-"));

const tools = detectTools();
const py = detectPython();
const startLoad = load();
const environment = envNote();
const log = (s) => process.stderr.write(`bench: ${s}\n`);
const { measure, withCa, timeTogether, caCell, pairCeiling } = timing({
  tools,
  runs,
  warmup,
  work,
  log,
});

const inputs = {};
async function input(n) {
  if (!inputs[n]) {
    inputs[n] = join(work, `places-${n}.csv`);
    await writePlacesCsv(inputs[n], generatePlaces(n, seed));
  }
  return inputs[n];
}

/** dmx compute as a user runs it (default executor and threads). */
const dmx = (inPath, format, outPath) => [
  process.execPath,
  dmxBin,
  "compute",
  inPath,
  "--format",
  format,
  "-o",
  outPath,
  "--quiet",
];

const rows = [];
const details = {};
const verdict = (ok) => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");
const fail = (id, what, why, base = "-") => rows.push([id, what, "-", base, why, "-", "n/a", "-"]);
const baseline = (name, r) => (r?.medianMs === undefined ? "-" : `${name} ${ms(r.medianMs)}`);

// Target 1: the shared executor's compute phase vs the C reference, N = 10,000, in memory.
if (only.has("1")) {
  const n = 10_000;
  const csv = await input(n);
  const builds = C_VARIANTS.map((extra, k) => buildReference(work, extra, `-${k}`));
  const built = builds[0]; // the plain build must work; a variant the compiler rejects is skipped
  let c = null;
  let js = null;
  if (!built.ok) fail("1", "kernel N=10,000", built.reason);
  else {
    for (const b of builds.filter((x) => x.ok)) {
      log(`target 1: C reference (${b.flags.join(" ")}, ${threads} threads, warm, best of 3)`);
      const r = { ...runReference(b.binary, csv, threads, 3), flags: b.flags.join(" ") };
      log(`  ${ms(r.bestMs)} (${num(r.nsPerPair, 2)} ns/pair)`);
      if (!c || r.bestMs < c.bestMs) c = r;
    }
    log(`target 1: shared executor compute phase (${threads} threads, warm, best of 3)`);
    js = await runKernelJs({ n, seed, threads, repeats: 3, executor: "shared" });
    details.target1 = { c, js, compiler: built.compiler };
    if (js.error) fail("1", "kernel N=10,000, shared vs C", js.error);
    else {
      const ratio = js.bestMs / c.bestMs;
      const sumDiff = Math.abs(js.checksum - c.checksum) / c.checksum;
      const accurate = js.maxRelErr <= 1e-9 && sumDiff <= 1e-9;
      rows.push([
        "1",
        `kernel N=10,000, ${threads} threads, best of 3 (accuracy: max rel err ${js.maxRelErr.toExponential(1)})`,
        `${ms(js.bestMs)} (${num(js.nsPerPair, 2)} ns/pair)`,
        `C ${ms(c.bestMs)} (${num(c.nsPerPair, 2)} ns/pair)`,
        `${num(ratio, 2)}x C`,
        "<= 1.4x C",
        verdict(ratio <= 1.4 && accurate),
        "- (in-process time)",
      ]);
    }
  }
}

const pyMissing = !py.python ? py.note : null;
const npMissing = !py.numpy ? py.note : null;

// Target 2: 1,000 places -> pairs CSV, dmx vs the Python sequential runner.
if (only.has("2")) {
  const csv = await input(1000);
  const a = await measure("dmx 1,000 -> pairs CSV", dmx(csv, "pairs", join(work, "t2-dmx.csv")));
  const b = pyMissing
    ? { error: pyMissing }
    : await measure("python csv 1,000 -> pairs CSV", [
        py.python,
        join(here, "python", "sequential_runner.py"),
        csv,
        join(work, "t2-py.csv"),
      ]);
  const aCa = withCa(a);
  await timeTogether(a, b, aCa);
  details.target2 = { dmx: a, python: b, dmxCa: aCa };
  if (a.error || b.error)
    fail("2", "1,000 -> pairs CSV (wall)", a.error ?? b.error, baseline("python csv", b));
  else {
    const same = maxRelDiff(
      readPairsDistances(join(work, "t2-dmx.csv")),
      readPairsDistances(join(work, "t2-py.csv")),
    );
    const ratio = b.medianMs / a.medianMs;
    rows.push([
      "2",
      `1,000 -> pairs CSV, wall${same.ok ? "" : ` (OUTPUT DIFFERS: ${same.why})`}`,
      ms(a.medianMs),
      `python csv ${ms(b.medianMs)}`,
      `${num(ratio, 1)}x faster`,
      ">= 12x",
      verdict(ratio >= 12 && same.ok),
      caCell(`${num(b.medianMs / aCa?.medianMs, 1)}x`, aCa, a),
    ]);
  }
}

// Target 3: 10,000 places -> condensed .npy, dmx vs numpy/scipy; dmx peak RSS.
if (only.has("3")) {
  const csv = await input(10_000);
  const a = await measure("dmx 10,000 -> npy", dmx(csv, "npy", join(work, "t3-dmx.npy")));
  const b = npMissing
    ? { error: npMissing }
    : await measure("numpy/scipy 10,000 -> npy", [
        py.python,
        join(here, "python", "numpy_route.py"),
        csv,
        join(work, "t3-np.npy"),
      ]);
  const aCa = withCa(a);
  await timeTogether(a, b, aCa);
  details.target3 = { dmx: a, numpy: b, dmxCa: aCa };
  if (a.error || b.error)
    fail("3", "10,000 -> npy (wall, RSS)", a.error ?? b.error, baseline("numpy/scipy", b));
  else {
    const same = maxRelDiff(readNpy(join(work, "t3-dmx.npy")), readNpy(join(work, "t3-np.npy")));
    const ratio = b.medianMs / a.medianMs;
    rows.push([
      "3",
      `10,000 -> npy, wall${same.ok ? "" : ` (OUTPUT DIFFERS: ${same.why})`}`,
      ms(a.medianMs),
      `numpy/scipy ${ms(b.medianMs)}`,
      `${num(ratio, 1)}x faster`,
      ">= 4.5x",
      verdict(ratio >= 4.5 && same.ok),
      caCell(`${num(b.medianMs / aCa?.medianMs, 1)}x`, aCa, a),
    ]);
    rows.push([
      "3",
      "10,000 -> npy, peak RSS",
      mib(a.maxRssKb),
      `numpy/scipy ${mib(b.maxRssKb)}`,
      mib(a.maxRssKb),
      "<= 128 MB",
      verdict(a.maxRssKb === null ? null : a.maxRssKb <= LIMIT_KB_3),
      "-",
    ]);
  }
  rmSync(join(work, "t3-dmx.npy"), { force: true });
  rmSync(join(work, "t3-np.npy"), { force: true });
}

// Target 4: peak RSS, 20,000 -> npy (1.6 GB) and 5,000 -> pairs CSV (12.5 M rows).
if (only.has("4")) {
  for (const [n, format] of [
    [20_000, "npy"],
    [5000, "pairs"],
  ]) {
    const out = join(work, `t4-${n}.${format === "npy" ? "npy" : "csv"}`);
    const a = await measure(`dmx ${num(n)} -> ${format}`, dmx(await input(n), format, out));
    details[`target4_${format}`] = a;
    if (a.error) fail("4", `${num(n)} -> ${format}, peak RSS`, a.error);
    else
      rows.push([
        "4",
        `${num(n)} -> ${format === "npy" ? "npy" : "pairs CSV"}, peak RSS (one run: ${ms(a.onceMs)})`,
        mib(a.maxRssKb),
        "-",
        mib(a.maxRssKb),
        "<= 256 MB",
        verdict(a.maxRssKb === null ? null : a.maxRssKb <= LIMIT_KB),
        "-",
      ]);
    rmSync(out, { force: true });
  }
}

// Target 5: 5,000 places, pairs CSV time vs .npy time.
if (only.has("5")) {
  const csv = await input(5000);
  const a = await measure("dmx 5,000 -> pairs CSV", dmx(csv, "pairs", join(work, "t5.csv")));
  const b = await measure("dmx 5,000 -> npy", dmx(csv, "npy", join(work, "t5.npy")));
  const aCa = withCa(a);
  const bCa = withCa(b);
  await timeTogether(a, b, aCa, bCa);
  details.target5 = { csv: a, npy: b, csvCa: aCa, npyCa: bCa };
  if (a.error || b.error) fail("5", "5,000: pairs CSV vs npy (wall)", a.error ?? b.error);
  else {
    const ratio = a.medianMs / b.medianMs;
    rows.push([
      "5",
      "5,000 -> pairs CSV vs -> npy, wall",
      `CSV ${ms(a.medianMs)}`,
      `npy ${ms(b.medianMs)}`,
      `${num(ratio, 2)}x npy`,
      "<= 2.5x npy",
      verdict(ratio <= 2.5),
      caCell(`${num(aCa?.medianMs / bCa?.medianMs, 2)}x`, aCa, a),
    ]);
  }
}

const nodeE0 = () => measure("node -e 0", [process.execPath, "-e", "0"], null);

/** Targets 6 and 7: a dmx command that starts and ends at once, vs a bare `node -e 0`. */
async function startupRow(id, what, goal, dmxArgs) {
  const node = await nodeE0();
  const a = await measure(`dmx ${dmxArgs.join(" ")}`, [process.execPath, dmxBin, ...dmxArgs], null);
  const nodeCa = withCa(node);
  const aCa = withCa(a);
  await timeTogether(node, a, nodeCa, aCa);
  details[`target${id}`] = { dmx: a, node, dmxCa: aCa, nodeCa };
  if (a.error || node.error) return fail(id, what, a.error ?? node.error);
  const ratio = a.medianMs / node.medianMs;
  rows.push([
    id,
    what,
    ms(a.medianMs),
    `node -e 0 ${ms(node.medianMs)}`,
    `${num(ratio, 2)}x node`,
    `<= ${goal}x node`,
    verdict(ratio <= goal),
    caCell(`${num(aCa?.medianMs / nodeCa?.medianMs, 2)}x node (${ms(nodeCa?.medianMs)})`, aCa, a),
  ]);
}

// Target 6: `dmx --version` vs `node -e 0` (start-up alone).
if (only.has("6")) await startupRow("6", "dmx --version, wall", 1.2, ["--version"]);

// Target 7: the smallest real job, 3 places -> pairs on stdout, vs `node -e 0`.
if (only.has("7")) {
  const csv = await input(3);
  await startupRow("7", "dmx compute, 3 places -> stdout, wall", 1.6, [
    "compute",
    csv,
    "-o",
    "-",
    "--quiet",
  ]);
}

// Target 8: the CPU-bound case must scale: geodesic, 2,000 places -> npy, 2 threads vs 1.
if (only.has("8")) {
  const csv = await input(2000);
  const run = (t) => [
    ...dmx(csv, "npy", join(work, `t8-${t}.npy`)),
    "--metric",
    "geodesic",
    "--threads",
    String(t),
  ];
  const a = await measure("dmx geodesic 2,000 -> npy, --threads 2", run(2));
  const b = await measure("dmx geodesic 2,000 -> npy, --threads 1", run(1));
  const aCa = withCa(a);
  const bCa = withCa(b);
  await timeTogether(a, b, aCa, bCa);
  details.target8 = { two: a, one: b, twoCa: aCa, oneCa: bCa };
  if (a.error || b.error) fail("8", "geodesic 2,000 -> npy, 2 vs 1 thread", a.error ?? b.error);
  else {
    // The same bytes whatever the thread count.
    const same = readFileSync(join(work, "t8-2.npy")).equals(readFileSync(join(work, "t8-1.npy")));
    const speedup = b.medianMs / a.medianMs;
    // What the machine itself gives two busy cores on this job: two independent 1-thread
    // runs started at once (no dmx threading involved) against one alone, in alternating
    // rounds. Their ratio, 2 x alone / both, is the ceiling of any 2-thread speed-up here.
    const ceiling = await pairCeiling(b.argv, join(work, "t8-p.npy"));
    details.target8.ceiling = ceiling;
    rows.push([
      "8",
      `geodesic 2,000 -> npy, --threads 2 vs 1, wall${same ? "" : " (OUTPUTS DIFFER)"}`,
      `2 threads ${ms(a.medianMs)}`,
      `1 thread ${ms(b.medianMs)}`,
      `${num(speedup, 2)}x 1 thread (machine ceiling: 2 x 1-thread runs at once ${num(ceiling.ratio, 2)}x)`,
      ">= 1.8x 1 thread",
      verdict(speedup >= 1.8 && same),
      caCell(`${num(bCa?.medianMs / aCa?.medianMs, 2)}x`, aCa, a),
    ]);
  }
  rmSync(join(work, "t8-2.npy"), { force: true });
  rmSync(join(work, "t8-1.npy"), { force: true });
}

// Target 9 (was 6 before targets 6-8 were added): the cluster (dmx worker + dmx compute --cluster through Redis on loopback).
if (only.has("9")) {
  const rounds = Number(opts["cluster-runs"]);
  const ways = (r) =>
    `1 worker ${ms(r.medians.one)}; local shared x2 ${ms(r.medians.local)}${r.same ? "" : " (OUTPUT DIFFERS)"}`;
  log(`target 9: geodesic 3,000 -> npy, three ways, ${rounds} rounds`);
  const cpu = await clusterRow({
    dmxBin,
    csv: await input(3000),
    work,
    metric: "geodesic",
    rounds,
    log,
  });
  if (cpu.error) fail("9", "geodesic 3,000 -> npy via Redis", cpu.error);
  else {
    cpu.pairs = (3000 * 2999) / 2;
    const speedup = cpu.medians.one / cpu.medians.two;
    const vsLocal = cpu.medians.two / cpu.medians.local;
    rows.push([
      "9",
      "geodesic 3,000 -> npy: 2 workers x 1 thread via Redis",
      ms(cpu.medians.two),
      ways(cpu),
      `${num(speedup, 2)}x 1 worker; ${num(vsLocal, 2)}x local`,
      ">= 1.7x 1 worker; <= 1.3x local",
      verdict(speedup >= 1.7 && vsLocal <= 1.3 && cpu.same),
      "not re-timed (src/_cluster.js)",
    ]);
  }
  log("target 9: haversine 20,000 -> npy (1.6 GB), three ways, 1 round");
  const out = await clusterRow({
    dmxBin,
    csv: await input(20_000),
    work,
    metric: "haversine",
    rounds: 1,
    log,
  });
  if (out.error) fail("9", "haversine 20,000 -> npy via Redis", out.error);
  else {
    out.pairs = (20_000 * 19_999) / 2;
    rows.push([
      "9",
      "haversine 20,000 -> npy (1.6 GB): 2 workers x 1 thread via Redis",
      ms(out.medians.two),
      ways(out),
      `${num(out.medians.one / out.medians.two, 2)}x 1 worker; ${num(out.medians.two / out.medians.local, 2)}x local`,
      "none (shows the cost of bytes)",
      "-",
      "not re-timed (src/_cluster.js)",
    ]);
  }
  details.target9 = { cpu, out };
  if (!cpu.error && !out.error) {
    const model = fitModel(cpu, out);
    details.target9.model = model;
    for (const line of model.lines) log(line);
  }
}

const endLoad = load();
const machine = machineInfo({
  python: py.python
    ? `${py.python} ${py.version}, numpy ${py.numpy ?? "missing"}, scipy ${py.scipy ?? "missing"}`
    : "missing",
  cc: details.target1?.compiler ?? "n/a",
  timing: `${tools.hyperfine ?? "spawn loop (no hyperfine)"}, one run at a time, compared commands alternating (order rotating per round), median of ${runs} after ${warmup} warm-up round`,
  peakRss: tools.gnuTime
    ? "GNU time -f %M (child ru_maxrss)"
    : tools.procfs
      ? "/proc/<pid>/status VmHWM polling"
      : "unavailable",
  environment,
  loadStart: startLoad,
  loadEnd: endLoad,
});
const failed = report({
  rows,
  details,
  machine,
  work,
  outDir,
  keep: opts.keep,
  dmxBin,
  log,
});
process.exitCode = failed > 0 ? 1 : 0;
