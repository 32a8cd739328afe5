// Float-to-text, the engines side by side in one run, on the rows `dmx compute` writes
// (pairs CSV, lower triangle: `name_i,name_j,distance\n`), over real distances:
//
//   String+encodeInto  String(x), then TextEncoder.encodeInto into the output buffer
//   String+charCodeAt  String(x), its (ASCII) characters copied into the buffer one by one
//   JS writer          writeShortest (exact double-double shortest digits, bytes directly)
//   wasm writer        encodeTile (the WebAssembly row writer; what dmx uses)
//
// Each engine writes the same bytes (checked first). Timed by tinybench (the one in-process
// micro-benchmark harness of the repository): one warm-up run, then `rounds` runs of each
// engine; the median (p50) is reported.
// Run after `pnpm build`: node bench/float-text.bench.mjs [places=1500] [rounds=7]

import { planOutput, planTiles, runTile, writeShortest } from "@dmx/executors";
import { encodeTile } from "@dmx/executors/internal";
import { randomLocationTable } from "@dmx/geo";
import { Bench } from "tinybench";

const n = Number(process.argv[2] ?? 1500);
const rounds = Number(process.argv[3] ?? 7);
const table = randomLocationTable(n, 7);
const plan = planOutput({ format: "pairs" }, table);
const [tile] = planTiles("lower", n, n, Number.POSITIVE_INFINITY);
const values = runTile({ ...plan.job, text: undefined }, tile).values;
const rows = tile.count;
const { bytes: names, offsets } = plan.job.text.rowNames;
const buf = new Uint8Array(rows * 64 + names.length * n);
const encoder = new TextEncoder();

function pairsJs(write) {
  let pos = 0;
  let k = 0;
  for (let j = 1; j < n; j++) {
    const nj = offsets[j];
    const nje = offsets[j + 1];
    for (let i = 0; i < j; i++) {
      for (let b = offsets[i], e = offsets[i + 1]; b < e; b++) buf[pos++] = names[b];
      buf[pos++] = 44;
      for (let b = nj; b < nje; b++) buf[pos++] = names[b];
      buf[pos++] = 44;
      pos = write(pos, values[k++]);
      buf[pos++] = 10;
    }
  }
  return pos;
}

const engines = {
  "String+encodeInto": () =>
    pairsJs((pos, x) => pos + encoder.encodeInto(String(x), buf.subarray(pos)).written),
  "String+charCodeAt": () =>
    pairsJs((pos, x) => {
      const s = String(x);
      for (let c = 0; c < s.length; c++) buf[pos++] = s.charCodeAt(c);
      return pos;
    }),
  "JS writer": () => pairsJs((pos, x) => writeShortest(buf, pos, x)),
  "wasm writer": () => encodeTile(plan.job.text, "lower", n, n, tile, values, 0, buf).length,
};

const outputs = Object.entries(engines).map(([name, run]) => {
  const length = run();
  return [name, Buffer.from(buf.subarray(0, length)).toString("latin1")];
});
for (const [name, text] of outputs.slice(1)) {
  if (text !== outputs[0][1]) throw new Error(`${name} wrote other bytes than ${outputs[0][0]}`);
}

const bench = new Bench({ iterations: rounds, time: 0, warmupIterations: 1, warmupTime: 0 });
for (const [name, run] of Object.entries(engines)) bench.add(name, run);
await bench.run();
const median = (name) => {
  const task = bench.getTask(name);
  if (task?.result.state !== "completed") throw task?.result.error ?? new Error(`${name} failed`);
  return task.result.latency.p50;
};
console.log(
  `pairs rows of ${n} places (${rows.toLocaleString("en")} rows, ${(outputs[0][1].length / 1e6).toFixed(1)} MB), median of ${rounds}`,
);
console.log("| engine | ms per tile | ns per row |");
console.log("| --- | --- | --- |");
for (const name of Object.keys(engines)) {
  const ms = median(name);
  console.log(`| ${name} | ${ms.toFixed(1)} | ${((ms * 1e6) / rows).toFixed(0)} |`);
}
