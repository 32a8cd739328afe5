// What `pnpm build:wasm` (tooling/wasm/build-wasm.ts) builds here: wasm/text.wat, with its
// inlined regions expanded and its memory layout placed, as src/text/_text-wasm-bytes.ts.
// Run after editing the .wat or src/text/_text-wasm-layout.ts (test/text-wasm.test.ts checks
// that the committed bytes match).
import { assembleText } from "./assemble.ts";

export const wasmModule = {
  wat: "wasm/text.wat",
  assemble: assembleText,
  out: "src/text/_text-wasm-bytes.ts",
  constName: "TEXT_WASM_BASE64",
  about: "WebAssembly shortest float-to-text and pairs-row writer",
};
