// Assembles wasm/text.wat into src/text/_text-wasm-bytes.ts (base64), so `tsc` needs no wasm tool.
// Run after editing the .wat: pnpm --filter @dmx/executors build:wasm (test/text-wasm.test.ts
// checks that the committed bytes match the .wat).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { assembleText } from "./assemble.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const bytes = await assembleText(readFileSync(`${root}wasm/text.wat`, "utf8"));
const base64 = Buffer.from(bytes).toString("base64");
const lines = base64.match(/.{1,96}/g) ?? [];
writeFileSync(
  `${root}src/text/_text-wasm-bytes.ts`,
  `/**
 * WebAssembly shortest float-to-text and pairs-row writer: ${bytes.length} bytes assembled
 * from wasm/text.wat by scripts/build-wasm.ts. Generated — do not edit.
 * @internal
 */
export const TEXT_WASM_BASE64 =
${lines.map((l, k) => `  "${l}"${k === lines.length - 1 ? ";" : " +"}`).join("\n")}
`,
);
console.log(`src/text/_text-wasm-bytes.ts: ${bytes.length} bytes`);
