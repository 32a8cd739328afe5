import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bin, runCli } from "./_cli.ts";

export { bin } from "./_cli.ts";
export const sample = fileURLToPath(new URL("../../../examples/world-cities.csv", import.meta.url));

/** Runs the built CLI as a user would; never throws. */
export async function dmx(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const { code, stdout, stderr } = await runCli(args, {
    cwd: options.cwd ?? process.cwd(),
    ...(options.env ? { env: options.env } : {}),
  });
  return { code, stdout, stderr };
}

/** Starts the built CLI without waiting (for signals). */
export function start(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

/** The sample as a table (parsed here, independently of the CLI). */
export function sampleRows(): { names: string[]; lat: number[]; lon: number[] } {
  const lines = readFileSync(sample, "utf8").trim().split("\n").slice(1);
  const names: string[] = [];
  const lat: number[] = [];
  const lon: number[] = [];
  for (const line of lines) {
    const m = /^(".*"|[^,]*),([^,]+),([^,]+)$/.exec(line)!;
    names.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
    lat.push(Number(m[2]));
    lon.push(Number(m[3]));
  }
  return { names, lat, lon };
}

/** Haversine (the ARCHITECTURE.md "Metrics" formula, R = 6371.0088 km), written out here for the tests. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 6371.0088 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** Within 1e-9 relative or 1e-6 absolute. */
export function near(x: number, y: number): boolean {
  return Math.abs(x - y) <= Math.max(1e-9 * Math.abs(y), 1e-6);
}

/** Parses RFC 4180 CSV (LF line ends). */
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
  return rows;
}

/** A minimal `.npy` v1.0 reader. */
export function readNpy(bytes: Uint8Array) {
  if (bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== "NUMPY")
    throw new Error("not npy");
  const length = bytes[8]! | (bytes[9]! << 8);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + length));
  const descr = /'descr': '([^']+)'/.exec(header)![1]!;
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]!
    .split(",")
    .filter((s) => s.trim())
    .map(Number);
  const body = Uint8Array.prototype.slice.call(bytes, 10 + length).buffer;
  return { descr, shape, data: descr === "<f8" ? new Float64Array(body) : new Float32Array(body) };
}
