// `pnpm --filter dmx test:deno`: runs `dmx compute` on the bundled sample under Deno (from
// src, as Deno runs TypeScript itself) and under Node (the built dist), and checks the
// outputs agree: same names in the same order, same numbers within 1e-9 relative (Deno's
// V8 may round the last bit of a sin/cos differently from Node's).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "dmx-deno-smoke-"));
const sample = join(root, "examples/world-cities.csv");
try {
  const denoOut = join(dir, "deno.csv");
  const nodeOut = join(dir, "node.csv");
  for (const [runtime, cmd, args, out] of [
    ["deno", "pnpm", ["exec", "deno", "run", "-A", "apps/cli/src/bin.ts"], denoOut],
    ["node", process.execPath, ["apps/cli/dist/bin.js"], nodeOut],
  ]) {
    execFileSync(cmd, [...args, "compute", sample, "-o", out], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    console.log(`deno-smoke: ${runtime} wrote ${out}`);
  }
  const rows = (path) =>
    readFileSync(path, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => {
        const at = line.lastIndexOf(",");
        return [line.slice(0, at), Number(line.slice(at + 1))];
      });
  const deno = rows(denoOut);
  const node = rows(nodeOut);
  if (deno.length !== 1540 || node.length !== 1540) {
    throw new Error(`expected 1540 rows, got deno ${deno.length}, node ${node.length}`);
  }
  let identical = 0;
  deno.forEach(([names, value], k) => {
    const [nodeNames, nodeValue] = node[k];
    if (names !== nodeNames)
      throw new Error(`row ${k + 1}: ${names} (deno) vs ${nodeNames} (node)`);
    if (!(Math.abs(value - nodeValue) <= 1e-9 * Math.abs(nodeValue))) {
      throw new Error(`row ${k + 1}: ${value} (deno) vs ${nodeValue} (node)`);
    }
    if (value === nodeValue) identical++;
  });
  console.log(`deno-smoke: 1540 rows agree (${identical} bit-identical, the rest within 1e-9)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
