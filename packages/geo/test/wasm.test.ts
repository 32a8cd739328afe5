import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assembleKernel } from "../scripts/assemble.ts";
import { haversineWat } from "../scripts/haversine-wat.ts";
import { HAVERSINE_WASM_BASE64 } from "../src/_haversine-wasm.ts";

describe("WebAssembly kernel", () => {
  const wat = readFileSync(new URL("../wasm/haversine.wat", import.meta.url), "utf8");

  it("wasm/haversine.wat is what scripts/haversine-wat.ts writes (run build:wasm after editing)", () => {
    expect(wat).toBe(haversineWat());
  });

  it("src/_haversine-wasm.ts holds exactly the assembled wasm/haversine.wat", async () => {
    const bytes = await assembleKernel(wat);
    const committed = Uint8Array.from(atob(HAVERSINE_WASM_BASE64), (c) => c.charCodeAt(0));
    expect([...committed]).toEqual([...bytes]);
  });
});
