/**
 * Values in error messages: quoted, invisible characters escaped, at most
 * {@link QUOTE_LIMIT} characters.
 * @internal
 */

/** Characters of a bad value quoted in a message; longer values are cut, with their length. */
export const QUOTE_LIMIT = 60;

// Control, format, separator (other than the space), private-use and unassigned characters.
const INVISIBLE =
  /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

function unicodeEscape(char: string): string {
  const code = char.codePointAt(0)!;
  if (code > 0xffff) return `\\u{${code.toString(16)}}`;
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` as a quoted string for a message: JSON escapes plus `\uXXXX` for every invisible
 * character (so `"light\u0000"` does not print as `"light"`), cut after {@link QUOTE_LIMIT}
 * characters with `… (N characters)`.
 */
export function quote(text: string): string {
  const chars = Array.from(text);
  const shown = chars.length > QUOTE_LIMIT ? chars.slice(0, QUOTE_LIMIT).join("") : text;
  const quoted = JSON.stringify(shown).replace(INVISIBLE, unicodeEscape);
  return chars.length > QUOTE_LIMIT ? `${quoted}… (${chars.length} characters)` : quoted;
}

/** A JSON value for a message: strings quoted, numbers as written (`Infinity` for `1e400`). */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" && !Number.isFinite(value)) {
    return `${value} (a number too large for a double, e.g. 1e400)`;
  }
  return typeof value === "object" ? "an object" : quote(String(value)).slice(1, -1);
}
