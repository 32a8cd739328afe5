// The one wasm build script of the repository: run as `pnpm build:wasm` in a package (geo,
// executors), whose `scripts/wasm.ts` says what to build. It writes the .wat when the
// package generates it, assembles it with the package's own assembler (wabt, with the
// package's features and preprocessing), and writes the bytes as a base64 TypeScript module,
// so `tsc` needs no wasm tool. Each package's test checks that the committed bytes match.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

/** What a package's `scripts/wasm.ts` exports as `wasmModule`. */
export interface WasmModule {
  /** The WebAssembly text, from the package root (e.g. `wasm/text.wat`). */
  readonly wat: string;
  /** When set, writes `wat` from this generator first. */
  readonly generate?: () => string;
  /** The package's assembler: text to validated module bytes. */
  readonly assemble: (text: string) => Promise<Uint8Array>;
  /** The TypeScript module to write, from the package root. */
  readonly out: string;
  /** The exported constant that holds the base64 bytes. */
  readonly constName: string;
  /** One line: what the module is. */
  readonly about: string;
}

const root = process.cwd();
const { wasmModule: m } = (await import(pathToFileURL(join(root, "scripts/wasm.ts")).href)) as {
  wasmModule: WasmModule;
};
if (m.generate) writeFileSync(join(root, m.wat), m.generate());
const bytes = await m.assemble(readFileSync(join(root, m.wat), "utf8"));
const lines =
  Buffer.from(bytes)
    .toString("base64")
    .match(/.{1,96}/g) ?? [];
writeFileSync(
  join(root, m.out),
  `/**
 * ${m.about}: ${bytes.length} bytes assembled
 * from ${m.wat} by tooling/wasm/build-wasm.ts. Generated — do not edit.
 * @internal
 */
export const ${m.constName} =
${lines.map((l, k) => `  "${l}"${k === lines.length - 1 ? ";" : " +"}`).join("\n")}
`,
);
console.log(`${m.out}: ${bytes.length} bytes`);
