// Cross-checks: dmx's output against the Python baselines' output on the same input, so a
// fast wrong answer cannot pass a target.
import { readFileSync } from "node:fs";

/** Reads a little-endian float64 (or float32) .npy vector. */
export function readNpy(path) {
  const buf = readFileSync(path);
  if (buf.toString("latin1", 1, 6) !== "NUMPY") throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString("latin1", major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const bytes = buf.subarray(start);
  const copy = new Uint8Array(bytes).buffer;
  if (descr === "<f8") return new Float64Array(copy);
  if (descr === "<f4") return new Float32Array(copy);
  throw new Error(`${path}: unsupported dtype ${descr}`);
}

/** The distance column (last field) of a pairs CSV, plus its row count. */
export function readPairsDistances(path) {
  const text = readFileSync(path, "utf8");
  const out = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const comma = text.lastIndexOf(",", end);
    out.push(Number(text.slice(comma + 1, end).trim()));
    start = end + 1;
  }
  return out;
}

/** Largest relative difference between two equal-length numeric sequences (or a reason). */
export function maxRelDiff(a, b) {
  if (a.length !== b.length)
    return { ok: false, why: `lengths differ: ${a.length} vs ${b.length}` };
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    const d = Math.abs(a[k] - b[k]);
    const rel = Math.abs(b[k]) > 1e-3 ? d / Math.abs(b[k]) : d;
    if (!(rel <= worst)) worst = rel; // NaN-safe: a NaN makes worst NaN
    if (Number.isNaN(rel)) return { ok: false, why: `not a number at index ${k}` };
  }
  return {
    ok: worst <= 1e-9,
    worst,
    why: worst <= 1e-9 ? "" : `max rel diff ${worst.toExponential(2)}`,
  };
}
