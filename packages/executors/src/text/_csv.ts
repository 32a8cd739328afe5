/** Names encoded once as UTF-8 bytes, RFC 4180-quoted where needed, for fast row writing. */
export interface NameBytes {
  /** All names back to back. */
  readonly bytes: Uint8Array;
  /** `offsets[i]..offsets[i+1]` is name i; length n + 1. */
  readonly offsets: Uint32Array;
}

/**
 * Quotes a CSV field per RFC 4180: fields holding a comma, a double quote, CR or LF are
 * wrapped in double quotes and inner double quotes are doubled; others are left as they are.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A name made safe to open in a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (which Excel, LibreOffice and Google Sheets may run as a formula) gets
 * a `'` in front. Other names are returned as they are.
 */
export function excelSafeName(name: string): string {
  return /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
}

/** Encodes names (CSV-quoted when `quote`, else raw) into one byte array with offsets. */
export function encodeNames(names: readonly string[], quote = true): NameBytes {
  const encoder = new TextEncoder();
  const parts = names.map((name) => encoder.encode(quote ? csvField(name) : name));
  const offsets = new Uint32Array(parts.length + 1);
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    offsets[i] = total;
    total += parts[i]!.length;
  }
  offsets[parts.length] = total;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i]!, offsets[i]!);
  return { bytes, offsets };
}
