import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dmx } from "./_compute.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-compute-header-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rest = "Paris,48.85,2.35\nTokyo,35.68,139.65\n";

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("dmx compute: the input's first row", () => {
  it("a first row that does not parse is an error at line 1, not a dropped header", async () => {
    const input = csv("typo.csv", `Boston,42.3x,-71.0y\n${rest}`);
    const output = join(dir, "typo.out.csv");
    const r = await dmx(["compute", input, "-o", output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dmx compute: ${input}:1:8: latitude "42.3x" is not a number\n`);
    expect(existsSync(output)).toBe(false);
  });

  it("says so on stderr when it skips a header", async () => {
    const input = csv("named.csv", `name,lat,lng\n${rest}`);
    const r = await dmx(["compute", input, "-o", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Paris,Tokyo,/);
    expect(r.stderr).toContain(
      `dmx compute: treating line 1 of ${input} as a header: name,lat,lng\n`,
    );
  });

  it("quotes at most 60 characters of a long header", async () => {
    const long = `name${" ".repeat(100)},lat,lng`;
    const input = csv("long.csv", `${long}\n${rest}`);
    const r = await dmx(["compute", input, "-o", "-"]);
    expect(r.stderr).toContain(`as a header: ${long.slice(0, 60)}…\n`);
  });

  it("--header skips any first row, quietly; --no-header reads it as data", async () => {
    const input = csv("forced.csv", `a,1,2\n${rest}`);
    const skipped = await dmx(["compute", input, "-o", "-", "--header"]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/^Paris,Tokyo,[\d.]+\n$/);
    expect(skipped.stderr).not.toContain("as a header");
    const named = csv("named-data.csv", `name,lat,lng\n${rest}`);
    const data = await dmx(["compute", named, "-o", "-", "--no-header"]);
    expect(data.code).toBe(2);
    expect(data.stderr).toBe(`dmx compute: ${named}:1:6: latitude "lat" is not a number\n`);
  });

  it("--header-row starts pairs with a header line", async () => {
    const input = csv("plain.csv", rest);
    const r = await dmx(["compute", input, "-o", join(dir, "rows.csv"), "--header-row"]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "rows.csv"), "utf8")).toMatch(/^origin,destination,distance\n/);
  });

  it("a directory as input names the path", async () => {
    const folder = join(dir, "folder.csv");
    mkdirSync(folder);
    const r = await dmx(["compute", folder, "-o", join(dir, "folder.out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dmx compute: cannot read \S*folder\.csv: is a directory\n$/);
  });
});
