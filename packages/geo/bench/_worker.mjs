// Worker for kernel.bench.mjs: computes condensed rows into a shared output, tile by tile.
import { parentPort } from "node:worker_threads";
import { condensedIndex, pdistRows, setHaversineBackend } from "../dist/index.js";

parentPort.on("message", ({ points, out, rows, tileRows, backend }) => {
  setHaversineBackend(backend);
  const n = points.lat.length;
  const target = new Float64Array(out);
  for (const [start, end] of rows) {
    for (let i = start; i < end; i += tileRows) {
      const stop = Math.min(end, i + tileRows);
      if (i < n - 1) pdistRows(points, i, stop, {}, target, condensedIndex(n, i, i + 1));
    }
  }
  parentPort.postMessage("done");
});
