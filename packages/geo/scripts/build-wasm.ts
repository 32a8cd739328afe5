// Writes wasm/haversine.wat (from scripts/haversine-wat.ts) and assembles it into
// src/_haversine-wasm.ts (base64), so `tsc` needs no wasm tool. Run after editing the
// generator or the constants in src/_haversine-js.ts: pnpm --filter @dmx/geo build:wasm
// (test/wasm.test.ts checks that the committed .wat and bytes match).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { assembleKernel } from "./assemble.ts";
import { haversineWat } from "./haversine-wat.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const text = haversineWat();
writeFileSync(`${root}wasm/haversine.wat`, text);
const bytes = await assembleKernel(text);
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
