// Assembles wasm/*.wat into src/_haversine-wasm.ts (base64), so `tsc` needs no wasm tool.
// Run after editing the .wat: pnpm --filter @dmx/geo build:wasm (test/wasm.test.ts checks
// that the committed bytes match the .wat).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { assembleKernel } from "./assemble.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const bytes = await assembleKernel(readFileSync(`${root}wasm/haversine.wat`, "utf8"));
const base64 = Buffer.from(bytes).toString("base64");
const lines = base64.match(/.{1,96}/g) ?? [];
writeFileSync(
  `${root}src/_haversine-wasm.ts`,
  `/**
 * WebAssembly SIMD chord-haversine row kernel: ${bytes.length} bytes assembled from
 * wasm/haversine.wat by scripts/build-wasm.ts. Generated — do not edit.
 * @internal
 */
export const HAVERSINE_WASM_BASE64 =
${lines.map((l, k) => `  "${l}"${k === lines.length - 1 ? ";" : " +"}`).join("\n")}
`,
);
console.log(`src/_haversine-wasm.ts: ${bytes.length} bytes`);
