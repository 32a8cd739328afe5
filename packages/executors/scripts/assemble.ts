// WAT → wasm bytes with wabt (a devDependency; used by build-wasm.ts and test/text-wasm.test.ts).
import createWabt from "wabt";

/** Assembles WebAssembly text into validated module bytes. */
export async function assembleText(text: string): Promise<Uint8Array> {
  const wabt = await createWabt();
  const module = wabt.parseWat("text.wat", text);
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}
