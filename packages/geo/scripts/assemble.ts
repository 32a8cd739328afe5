// WAT → wasm bytes with wabt (a devDependency; used by scripts/wasm.ts (pnpm build:wasm) and test/wasm.test.ts).
import createWabt from "wabt";

/** Assembles WebAssembly text (with SIMD) into validated module bytes. */
export async function assembleKernel(text: string): Promise<Uint8Array> {
  const wabt = await createWabt();
  const module = wabt.parseWat("haversine.wat", text, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}
