// WAT → wasm bytes with wabt (a devDependency; used by scripts/wasm.ts (pnpm build:wasm) and test/text-wasm.test.ts).
import createWabt from "wabt";
import { TEXT_WASM_LAYOUT, type TextWasmRegion } from "../src/text/_text-wasm-layout.ts";

/**
 * Expands the inlined regions of wasm/text.wat (V8 does not inline wasm calls, and a call in
 * the per-number loop costs ~15% there):
 *
 *   ;; @define NAME … ;; @end NAME   a region of a function's body (assembled in place too)
 *   ;; @inline NAME                  the region's text; its `(return X)` become `(br $NAME X)`,
 *                                    so the use site wraps it in `(block $NAME (result …) …)`
 *   ;; @locals NAME                  declarations of the defining function's locals that the
 *                                    region uses and the enclosing function lacks
 */
export function expandInlines(text: string): string {
  const regions = new Map<string, { body: string; locals: string[] }>();
  for (const m of text.matchAll(/;; @define (\w+)\n([\s\S]*?)\n\s*;; @end \1\b/g)) {
    const [, name, body] = m as unknown as [string, string, string];
    const fnStart = text.lastIndexOf("(func ", m.index);
    const declared = new Map(
      [...text.slice(fnStart, m.index).matchAll(/\(local (\$\w+) (\w+)\)/g)].map(
        (d) => [d[1]!, d[2]!] as const,
      ),
    );
    const used = new Set(body.match(/\$\w+/g) ?? []);
    const locals = [...declared]
      .filter(([id]) => used.has(id))
      .map(([id, t]) => `(local ${id} ${t})`);
    regions.set(name!, { body: body.replace(/\(return /g, `(br $${name} `), locals });
  }
  const region = (name: string) => {
    const r = regions.get(name);
    if (r === undefined) throw new Error(`text.wat: no region "${name}" (;; @define ${name})`);
    return r;
  };
  // Locals first: each marker sees the declarations of its own function.
  const funcs = text.split(/(?=\n {2}\(func )/);
  return funcs
    .map((fn) =>
      fn
        .replace(/;; @locals (\w+)/g, (_, name: string) =>
          region(name)
            .locals.filter(
              (decl) => !new RegExp(`\\((?:local|param) \\${decl.split(" ")[1]} `).test(fn),
            )
            .join(" "),
        )
        .replace(/;; @inline (\w+)/g, (_, name: string) => region(name).body),
    )
    .join("");
}

/** Assembles WebAssembly text (after {@link expandInlines}) into validated module bytes. */
/** Puts the addresses of {@link TEXT_WASM_LAYOUT} into the `{{NAME}}` / `{{NAME-1}}` markers. */
export function placeLayout(text: string): string {
  return text.replace(/\{\{(\w+)(?:-(\d+))?\}\}/g, (_, name: string, minus?: string) => {
    const at = TEXT_WASM_LAYOUT[name as TextWasmRegion];
    if (at === undefined) throw new Error(`text.wat: no region "${name}" in _text-wasm-layout.ts`);
    return String(at - Number(minus ?? 0));
  });
}

export async function assembleText(text: string): Promise<Uint8Array> {
  const wabt = await createWabt();
  const module = wabt.parseWat("text.wat", expandInlines(placeLayout(text)));
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}
