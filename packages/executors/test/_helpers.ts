import { Writable } from "node:stream";
import type { LocationTable } from "@dmx/geo";
import { haversine } from "@dmx/geo";

/** A writable stream that keeps what it gets. */
export function memoryStream(): Writable & { bytes(): Uint8Array; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return Object.assign(stream, {
    bytes: () => new Uint8Array(Buffer.concat(chunks)),
    text: () => Buffer.concat(chunks).toString("utf8"),
  });
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, LF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with a newline");
  return rows;
}

/** Reads a `.npy` v1.0 file: its header dict and data. */
export function readNpy(bytes: Uint8Array): {
  descr: string;
  shape: number[];
  data: Float64Array | Float32Array;
} {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== "NUMPY") throw new Error("not an npy file");
  if (bytes[6] !== 1 || bytes[7] !== 0) throw new Error(`npy version ${bytes[6]}.${bytes[7]}`);
  const headerLength = bytes[8]! | (bytes[9]! << 8);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  if ((10 + headerLength) % 64 !== 0) throw new Error("data not 64-byte aligned");
  if (!header.endsWith("\n")) throw new Error("header does not end with a newline");
  const descr = /'descr': '([^']+)'/.exec(header)![1]!;
  if (!/'fortran_order': False/.test(header)) throw new Error("fortran order");
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]!
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(Number);
  const start = 10 + headerLength;
  const body = bytes.slice(start).buffer;
  const data = descr === "<f8" ? new Float64Array(body) : new Float32Array(body);
  const expected = shape.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`${data.length} values for shape ${shape}`);
  return { descr, shape, data };
}

/** The scalar haversine between rows i and j of tables a and b (km). */
export function scalar(a: LocationTable, i: number, b: LocationTable, j: number): number {
  return haversine(
    { latitude: a.lat[i]!, longitude: a.lon[i]! },
    { latitude: b.lat[j]!, longitude: b.lon[j]! },
  );
}

/** |x − y| within 1e-9 relative or 1e-6 km absolute (the kernel tolerance, ARCHITECTURE.md "Metrics"). */
export function close(x: number, y: number): boolean {
  return Math.abs(x - y) <= Math.max(1e-9 * Math.abs(y), 1e-6);
}

/** A table from `[name, lat, lon]` rows. */
export function table(rows: readonly (readonly [string, number, number])[]): LocationTable {
  return {
    names: rows.map((r) => r[0]),
    lat: Float64Array.from(rows.map((r) => r[1])),
    lon: Float64Array.from(rows.map((r) => r[2])),
  };
}
