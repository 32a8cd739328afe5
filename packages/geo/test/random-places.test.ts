import { describe, expect, it } from "vitest";
import { coordinates, randomLocationTable } from "../src/index.ts";

describe("randomLocationTable", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = randomLocationTable(500, 42);
    const b = randomLocationTable(500, 42);
    const c = randomLocationTable(500, 43);
    expect(a.lat).toEqual(b.lat);
    expect(a.lon).toEqual(b.lon);
    expect(a.names).toEqual(b.names);
    expect(a.lat).not.toEqual(c.lat);
  });

  it("gives valid coordinates with 6 decimals and unique names", () => {
    const p = randomLocationTable(2000, 9);
    expect(new Set(p.names).size).toBe(2000);
    for (let i = 0; i < 2000; i++) {
      expect(() => coordinates(p.lat[i]!, p.lon[i]!)).not.toThrow();
      expect(p.lon[i]).toBeLessThan(180);
      expect(Number(p.lat[i]!.toFixed(6))).toBe(p.lat[i]);
      expect(Number(p.lon[i]!.toFixed(6))).toBe(p.lon[i]);
    }
    // Uniform on the sphere: about half the places in |lat| < 30 degrees (sin 30 = 0.5).
    const tropics = p.lat.filter((x) => Math.abs(x) < 30).length;
    expect(tropics).toBeGreaterThan(900);
    expect(tropics).toBeLessThan(1100);
  });

  it("names places in order, zero-padded to the width of n, and allows n = 0", () => {
    expect(randomLocationTable(12, 1).names.slice(0, 2)).toEqual(["place 01", "place 02"]);
    expect(randomLocationTable(0).names).toEqual([]);
  });

  it.each([[-1], [2.5], [Number.NaN]])("rejects n = %s with a RangeError", (n) => {
    expect(() => randomLocationTable(n)).toThrow(RangeError);
  });
});
