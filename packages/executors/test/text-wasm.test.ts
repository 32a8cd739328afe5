import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assembleText } from "../scripts/assemble.ts";
import type { TextSpec } from "../src/index.ts";
import { encodeNames, encodeTile } from "../src/internal.ts";
import type { Layout, Tile } from "../src/plan/_layout.ts";
import { wasmShortest, wasmTextAvailable } from "../src/text/_text-wasm.ts";
import { TEXT_WASM_BASE64 } from "../src/text/_text-wasm-bytes.ts";

describe("WebAssembly text writer", () => {
  it("src/text/_text-wasm-bytes.ts holds exactly the assembled wasm/text.wat (run build:wasm after editing)", async () => {
    const wat = readFileSync(new URL("../wasm/text.wat", import.meta.url), "utf8");
    const bytes = await assembleText(wat);
    const committed = Uint8Array.from(atob(TEXT_WASM_BASE64), (c) => c.charCodeAt(0));
    expect([...committed]).toEqual([...bytes]);
  });

  it("runs here (Node has WebAssembly)", () => {
    expect(wasmTextAvailable()).toBe(true);
  });

  it("writes String(x) for any double, or defers to it", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const text = wasmShortest(x);
        if (text !== undefined) expect(text).toBe(String(x));
      }),
      { numRuns: 20_000 },
    );
  });

  // Above ~1e9 a double has few fraction bits, and its 17 digits can be an exact tie, which
  // V8 breaks its own way: those go to String. Distances (< 1e8 in any unit) never get there.
  it("handles nearly every number in [1e-6, 1e9) itself", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let deferred = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = 10 ** (random() * 15 - 6);
      const text = wasmShortest(x);
      if (text === undefined) deferred++;
      else expect(text).toBe(String(x));
    }
    expect(deferred).toBeLessThan(10);
  });

  // 1 <= x < 1e7 takes an exact integer path of its own: check it where it is hardest.
  it("writes String(x) on the integer path for [1, 1e7): any value, short decimals, few mantissa bits, next to powers of 2 and 10 (property)", () => {
    const bits = new BigUint64Array(1);
    const asDouble = new Float64Array(bits.buffer);
    const step = (x: number, ulps: number) => {
      asDouble[0] = x;
      bits[0] += BigInt(ulps);
      return asDouble[0]!;
    };
    const anyValue = fc.double({ min: 1, max: 1e7, maxExcluded: true, noNaN: true });
    const shortDecimal = fc
      .tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 2, max: 8 }))
      .map(([n, d]) => n / 10 ** d)
      .filter((x) => x >= 1 && x < 1e7);
    const fewBits = fc.tuple(anyValue, fc.integer({ min: 1, max: 52 })).map(([x, drop]) => {
      asDouble[0] = x;
      bits[0] &= ~((1n << BigInt(drop)) - 1n);
      return asDouble[0]!;
    });
    const nearPower = fc
      .tuple(fc.boolean(), fc.integer({ min: 0, max: 23 }), fc.integer({ min: -3, max: 3 }))
      .map(([ten, e, ulps]) => step(ten ? 10 ** Math.min(e, 7) : 2 ** e, ulps))
      .filter((x) => x >= 1 && x < 1e7);
    fc.assert(
      fc.property(fc.oneof(anyValue, shortDecimal, fewBits, nearPower), (x) => {
        const text = wasmShortest(x);
        if (text !== undefined) expect(text).toBe(String(x));
      }),
      { numRuns: 50_000 },
    );
  });

  it.each<[number, string]>([
    [0, "0"],
    [-0, "0"],
    [1e-6, "0.000001"],
    [0.05, "0.05"],
    [1e7, "10000000"],
    [12345678.9, "12345678.9"],
    [99999999.99, "99999999.99"],
    [123456789012345.67, "123456789012345.67"],
    [9.999999999999998, "9.999999999999998"],
    [0.1 + 0.2, "0.30000000000000004"],
    [-2.5, "-2.5"],
  ])("%s → %s", (x, text) => {
    expect(wasmShortest(x)).toBe(text);
  });

  it.each([5e-7, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 22759659023975 + 0.3125])(
    "defers %s (exponent notation, non-finite, or an exact tie) to String",
    (x) => {
      expect(wasmShortest(x)).toBeUndefined();
    },
  );
});

// The oracle: each format built with String(x) and string concatenation.
function expected(
  spec: TextSpec,
  names: readonly string[],
  cols: readonly string[],
  layout: Layout,
  tile: Tile,
  values: readonly number[],
): string {
  let out = "";
  let k = 0;
  const width = layout === "rect" ? cols.length : names.length;
  for (let r = tile.rowStart; r < tile.rowEnd; r++) {
    if (spec.format === "pairs" && layout === "lower") {
      for (let i = 0; i < r; i++) out += `${names[i]},${names[r]},${String(values[k++])}\n`;
    } else if (spec.format === "pairs") {
      for (let j = 0; j < cols.length; j++)
        out += `${names[r]},${cols[j]},${String(values[k++])}\n`;
    } else if (spec.format === "matrix") {
      out += names[r];
      for (let c = 0; c < width; c++) out += `,${String(values[k++])}`;
      out += "\n";
    }
  }
  if (spec.format === "json") {
    out = values.map(String).join(",");
    if (tile.offset > 0 && values.length > 0) out = `,${out}`;
  }
  return out;
}

const awkward = [5e-7, 0, Number.NaN, 1e21, 22759659023975 + 0.3125, -1e-9, 2337.868086808056];

describe("encodeTile with shortest numbers (the WebAssembly path)", () => {
  const names = ["ann arbor", 'say "hi"', "a,b", "Zürich", "", "x"];
  const cols = ["boston", "pleasant grove", "São Paulo"];
  const spec = (format: TextSpec["format"], withCols: boolean): TextSpec => ({
    format,
    rowNames: encodeNames(names),
    colNames: withCols ? encodeNames(cols) : undefined,
  });
  const quoted = names.map((s) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s));

  const cases: [TextSpec["format"], Layout][] = [
    ["pairs", "lower"],
    ["pairs", "rect"],
    ["matrix", "square"],
    ["matrix", "rect"],
    ["json", "condensed"],
  ];
  it.each(cases)(
    "%s / %s: the same text as String(x) per number, awkward numbers included",
    (format, layout) => {
      const rect = layout === "rect";
      const n = names.length;
      const m = rect ? cols.length : n;
      const counts: Record<Layout, (r: number) => number> = {
        lower: (r) => r,
        rect: () => m,
        square: () => n,
        condensed: (r) => n - 1 - r,
      };
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n }),
          fc.array(fc.oneof(fc.constantFrom(...awkward), fc.double({ min: 0, max: 4e7 })), {
            minLength: 64,
            maxLength: 64,
          }),
          (a, b, pool) => {
            const rowStart = Math.min(a, b);
            const rowEnd = Math.max(a, b);
            let count = 0;
            for (let r = rowStart; r < rowEnd; r++) count += counts[layout](r);
            const values = Array.from({ length: count }, (_, i) => pool[i % pool.length]!);
            const tile: Tile = { index: 0, rowStart, rowEnd, offset: rowStart, count };
            const s = spec(format, rect);
            const array = new Float64Array([1, 2, ...values]);
            const text = new TextDecoder().decode(encodeTile(s, layout, n, m, tile, array, 2));
            expect(text).toBe(expected(s, quoted, cols, layout, tile, values));
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it("json: the first tile of the output has no leading comma", () => {
    const s = spec("json", false);
    const tile: Tile = { index: 0, rowStart: 0, rowEnd: 2, offset: 0, count: 3 };
    const text = new TextDecoder().decode(
      encodeTile(s, "condensed", 3, 3, tile, new Float64Array([1.5, 5e-7, 2]), 0),
    );
    expect(text).toBe("1.5,5e-7,2");
  });

  it("writes into a given buffer and returns the written part", () => {
    const s = spec("pairs", false);
    const tile: Tile = { index: 0, rowStart: 1, rowEnd: 3, offset: 0, count: 3 };
    const into = new Uint8Array(4096).fill(33);
    const text = encodeTile(s, "lower", 6, 6, tile, new Float32Array([0.5, 1e-7, 3]), 0, into);
    expect(text.buffer).toBe(into.buffer);
    expect(new TextDecoder().decode(text)).toBe(
      `ann arbor,"say ""hi""",0.5\nann arbor,"a,b",${String(Math.fround(1e-7))}\n"say ""hi""","a,b",3\n`,
    );
  });
});
