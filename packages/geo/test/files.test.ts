import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLocations, streamLocations } from "../src/files.ts";
import { LocationParseError, tableLocations } from "../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-geo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("@dmx/geo/files", () => {
  it("reads a file into a table", async () => {
    const path = file(
      "ok.csv",
      "\uFEFFname,lat,lon\r\nBoston,42.360081,-71.058884\r\nOslo,59.91,10.75\r\n",
    );
    const table = await readLocations(path);
    expect(table.names).toEqual(["Boston", "Oslo"]);
    expect([...table.lat]).toEqual([42.360081, 59.91]);
  });

  it("streams a large file in bounded pieces", async () => {
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `"city ${i}",${(i % 180) - 90},${(i % 360) - 180}`,
    );
    const path = file("big.csv", lines.join("\n"));
    let count = 0;
    let last = "";
    for await (const l of streamLocations(path)) {
      count++;
      last = l.name;
    }
    expect(count).toBe(20_000);
    expect(last).toBe("city 19999");
    expect(tableLocations(await readLocations(path))[12_345]).toEqual({
      name: "city 12345",
      coordinates: { latitude: (12_345 % 180) - 90, longitude: (12_345 % 360) - 180 },
    });
  });

  it("names the file in parse errors", async () => {
    const path = file("bad.csv", "a,1,2\nb,100,2\n");
    const error = await readLocations(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocationParseError);
    expect((error as Error).message).toBe(`${path}:2:3: latitude 100 is out of range [-90, 90]`);
    const streamed = async () => {
      for await (const _ of streamLocations(path)) {
        // drain
      }
    };
    await expect(streamed()).rejects.toThrow(`${path}:2:3: latitude 100`);
  });

  it("names an invalid UTF-8 byte's position in the file", async () => {
    const path = file(
      "latin1.csv",
      new Uint8Array([
        ...new TextEncoder().encode("a,1,2\nM"),
        0xfc,
        ...new TextEncoder().encode("nchen,48.1,11.6\n"),
      ]),
    );
    await expect(readLocations(path)).rejects.toThrow(`${path}:2:2: invalid UTF-8 byte sequence`);
  });

  it("passes file-system errors through", async () => {
    await expect(readLocations(join(dir, "missing.csv"))).rejects.toThrow(
      /ENOENT|No such file|not found/i,
    );
    expect(() => readLocations("")).toThrow(TypeError);
  });
});

it("names the path when the input is a directory", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dmx-geo-dir-"));
  try {
    await expect(readLocations(dir)).rejects.toMatchObject({ code: "EISDIR", path: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
