import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assembleKernel } from "../scripts/assemble.ts";
import { HAVERSINE_WASM_BASE64 } from "../src/_haversine-wasm.ts";

describe("WebAssembly kernel", () => {
  it("src/_haversine-wasm.ts holds exactly the assembled wasm/haversine.wat (run build:wasm after editing)", async () => {
    const wat = readFileSync(new URL("../wasm/haversine.wat", import.meta.url), "utf8");
    const bytes = await assembleKernel(wat);
    const committed = Uint8Array.from(atob(HAVERSINE_WASM_BASE64), (c) => c.charCodeAt(0));
    expect([...committed]).toEqual([...bytes]);
  });

  it("uses the same rational coefficients as the JavaScript fallback", () => {
    const wat = readFileSync(new URL("../wasm/haversine.wat", import.meta.url), "utf8");
    const js = readFileSync(new URL("../src/_haversine-js.ts", import.meta.url), "utf8");
    const constants = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => Number(m[1]));
    const byValue = (a: number, b: number) => a - b;
    // Q(m) = 1 + …: the leading 1 is written out in the .wat and implicit in the JavaScript.
    const inWat = [...new Set(constants(wat, /f64x2 (-?[\d.]+(?:e-?\d+)?) /g))].filter(
      (c) => c !== 1,
    );
    const inJs = constants(js, /^const [PQ]\d = (-?[\d.]+(?:e-?\d+)?);$/gm);
    inWat.sort(byValue);
    inJs.sort(byValue);
    expect(inWat).toEqual(inJs);
    expect(inJs).toHaveLength(9);
  });
});
