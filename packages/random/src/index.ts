/**
 * `@dmx/random`: mulberry32, the one small seeded random number generator of dmx. The sample
 * places of `@dmx/geo`, the bench inputs and the device simulation of `@dmx/device-sim` all
 * draw from it, so the same seed gives the same numbers on every runtime and machine.
 * @module
 */

/** A source of uniform random numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/**
 * The mulberry32 generator (Tommy Ettinger's, public domain): 32 bits of state, a period of
 * 2^32, fast and good enough for sample data and simulations (not for cryptography). Each call
 * of the returned function gives the next number, `k / 2^32` for a 32-bit integer `k`, so every
 * value is exact in a double and lies in [0, 1).
 *
 * @param seed - any number; only its low 32 bits count (`seed >>> 0`), so `-1` and `2^32 - 1`
 *   give the same sequence
 * @returns a generator of numbers in [0, 1)
 *
 * @example
 * ```ts
 * import { mulberry32 } from "@dmx/random";
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, on every run and runtime
 * ```
 */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
