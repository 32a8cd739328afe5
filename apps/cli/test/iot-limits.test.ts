// Hostile program files through the built CLI: clean exit-2 errors, never a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";

const dmx = (...args: string[]) => runCli(args, { timeoutMs: 60_000 });
const dir = mkdtempSync(join(tmpdir(), "dmx-iot-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(buildCliIfMissing, 120_000);

const light = '{"device":"light","type":"SWITCH_ON"}';

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("dmx iot run: program limits", () => {
  it("reads /dev/zero only up to the size limit, then exits 2", async () => {
    const r = await dmx("iot", "run", "/dev/zero");
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "dmx iot: /dev/zero: the program file is larger than 8388608 bytes (the limit)\n",
    );
  });

  it("a program nested 2,000 deep: exit 2 with the limit, no stack trace", async () => {
    const deep = file("deep.json", `${'{"sequence":['.repeat(2000)}${light}${"]}".repeat(2000)}`);
    const r = await dmx("iot", "run", deep, "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/groups nested deeper than 100 levels \(the limit\)\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a parallel group of 130,000 steps: exit 2 with the limit", async () => {
    const wide = file("wide.json", `{"parallel":[${Array(130_000).fill(light).join(",")}]}`);
    const r = await dmx("iot", "run", wide, "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/: \$\.parallel: more than 100000 steps \(the limit\)\n$/);
  });

  it("accepts a UTF-8 byte-order mark at the start of a program file", async () => {
    const bom = file("bom.json", `\ufeff{"sequence":[${light}]}`);
    const r = await dmx("iot", "run", bom, "--latency", "1", "--quiet");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
