/**
 * The memory layout of wasm/text.wat: the one place its addresses are written.
 * `scripts/assemble.ts` puts them into the `{{NAME}}` markers of the .wat (`{{NAME-1}}` for
 * one byte before), and `_text-wasm.ts` fills the tables at them before the first call.
 */
export const TEXT_WASM_LAYOUT = {
  /** f64 × 23: 10^i, exact. */
  POW10: 0,
  /** f64 × 23: high halves of 10^i (Veltkamp split). */
  POW10_HI: 184,
  /** f64 × 23: low halves of 10^i. */
  POW10_LO: 368,
  /** f64 × 40: 10^(i − 8). */
  TENS: 552,
  /** u32 × 10,000: the four ASCII digits of i, the first in the low byte. */
  DIGITS4: 1024,
  /** 32 bytes: the digits of one number. */
  SCRATCH: 41024,
  /** u64 × 17: 10^i, exact (the integer path of 1 <= x < 10^7). */
  POW10_U64: 41088,
  /** The caller's values, names and output, at the addresses in the module's globals. */
  HEAP: 65536,
} as const;

/** A name of {@link TEXT_WASM_LAYOUT}. */
export type TextWasmRegion = keyof typeof TEXT_WASM_LAYOUT;
