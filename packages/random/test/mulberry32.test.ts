import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../src/index.ts";

/**
 * The first five 32-bit outputs of the public-domain C reference of mulberry32
 * (`z = (state += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61);
 * return z ^ z >> 14;`), compiled with gcc and run separately: not computed by this package.
 */
const REFERENCE: Record<number, readonly number[]> = {
  0: [1144304738, 1416247, 958946056, 627933444, 2007157716],
  42: [2581720956, 1925393290, 3661312704, 2876485805, 750819978],
  123: [3381219976, 766838775, 2127363934, 993692063, 1614012641],
  4294967295: [3850105811, 813802916, 3073704848, 4054706436, 3630262831],
};

const TWO_32 = 4294967296;

describe("mulberry32", () => {
  it("gives the reference sequence, each 32-bit output divided by 2^32", () => {
    for (const [seed, words] of Object.entries(REFERENCE)) {
      const random = mulberry32(Number(seed));
      expect(words.map(() => random() * TWO_32)).toEqual(words);
    }
  });

  it("uses the low 32 bits of the seed (-1 is 2^32 - 1)", () => {
    const random = mulberry32(-1);
    expect(random() * TWO_32).toBe(REFERENCE[4294967295]![0]);
  });

  it("is a pure function of seed >>> 0, and every value is k / 2^32 in [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed >>> 0);
        for (let i = 0; i < 8; i++) {
          const x = a();
          expect(b()).toBe(x);
          expect(x >= 0 && x < 1).toBe(true);
          expect(Number.isInteger(x * TWO_32)).toBe(true);
        }
      }),
    );
  });

  it("generators with the same seed are independent of each other", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(a()).not.toBe(first[0]);
  });
});
