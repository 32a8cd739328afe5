import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dmx, sample } from "./_compute.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-compute-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bad: [string, string | Uint8Array, RegExp][] = [
  ["empty", "", /:1:1: no locations/],
  ["missing-column", "name,latitude,longitude\nA,1\n", /:2:4: missing column/],
  ["extra-column", "A,1,2,3\n", /:1:7: extra column/],
  ["empty-name", ",1,2\n", /:1:1: empty name/],
  ["empty-value", "A,,2\n", /:1:3: latitude is empty/],
  ["not-a-number", "A,1,2\nB,abc,2\n", /:2:3: latitude "abc" is not a number/],
  ["latitude-range", "A,91,2\n", /:1:3: latitude 91 is out of range/],
  ["longitude-range", "A,1,181\n", /:1:5: longitude 181 is out of range/],
  ["not-finite", "A,1,Infinity\n", /:1:5: longitude "Infinity" is not a finite number/],
  ["unclosed-quote", '"A,1,2\n', /:1:1: quote not closed/],
  [
    "invalid-utf8",
    new Uint8Array([0x41, 0xff, 0x2c, 0x31, 0x2c, 0x32, 0x0a]),
    /:1:2: invalid UTF-8/,
  ],
];

describe("bad input: exit 2, file:line:column: reason, no output file", () => {
  it.each(bad)("%s", async (name, content, reason) => {
    const input = join(dir, `${name}.csv`);
    writeFileSync(input, content);
    for (const executor of ["sequential", "async"]) {
      const output = join(dir, `${name}-${executor}.out.csv`);
      const r = await dmx(["compute", input, "--executor", executor, "-o", output]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`dmx compute: ${input}:`);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(output)).toBe(false);
    }
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("a bad input leaves a previous output file untouched", async () => {
    const input = join(dir, "late-error.csv");
    writeFileSync(input, "A,1,2\nB,3,4\nC,95,0\n");
    const output = join(dir, "previous.csv");
    writeFileSync(output, "previous result\n");
    const r = await dmx(["compute", input, "--executor", "async", "-o", output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/late-error\.csv:3:3: latitude 95 is out of range/);
    expect(readFileSync(output, "utf8")).toBe("previous result\n");
  });

  it("a missing input file", async () => {
    const r = await dmx(["compute", join(dir, "nope.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*nope\.csv/);
  });
});

describe("refuses to overwrite the input", () => {
  it("-o pointing at the input: exit 2, input unchanged", async () => {
    const input = join(dir, "self.csv");
    writeFileSync(input, readFileSync(sample));
    const r = await dmx(["compute", input, "-o", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write the output to .*self\.csv: that is the input file/);
    expect(readFileSync(input, "utf8")).toBe(readFileSync(sample, "utf8"));
  });

  it("the default output.csv when the input is itself called output.csv", async () => {
    const input = join(dir, "output.csv");
    writeFileSync(input, readFileSync(sample));
    const r = await dmx(["compute", input]);
    expect(r.code).toBe(2);
    expect(readFileSync(input, "utf8")).toBe(readFileSync(sample, "utf8"));
  });
});

describe("bad usage: exit 2 with a reason", () => {
  it.each([
    [[], /missing the input CSV/],
    [[sample, sample], /one input CSV expected/],
    [[sample, "--bogus"], /unknown option --bogus; see dmx compute --help/],
    [[sample, "--format", "xml"], /--format must be one of pairs, matrix, npy, json; got "xml"/],
    [[sample, "--executor", "gpu"], /--executor must be one of auto, sequential/],
    [[sample, "--threads", "0"], /--threads must be an integer from 1 to 256; got "0"/],
    [[sample, "--threads", "two"], /--threads must be an integer/],
    [[sample, "--metric", "manhattan"], /--metric must be one of/],
    [[sample, "--unit", "ft"], /--unit must be one of km, m, mi, nmi/],
    [[sample, "--radius=-1"], /--radius must be a number above 0; got "-1"/],
    [[sample, "--metric", "geodesic", "--radius", "6000"], /--radius applies to haversine/],
    [[sample, "--precision=-1"], /--precision must be an integer from 0 to 100/],
    [[sample, "--precision", "3", "--format", "npy"], /--precision applies to the text formats/],
    [[sample, "--dtype", "float16", "--format", "npy"], /--dtype must be one of float64, float32/],
    [[sample, "--dtype", "float32"], /--dtype applies to the npy format only/],
    [[sample, "--square"], /--square applies to the npy format only/],
    [
      [sample, "--header-row", "--format", "json"],
      /--header-row\) applies to the pairs format only/,
    ],
    [[sample, "--header", "--no-header"], /--header and --no-header contradict each other/],
    [[sample, "--io-delay", "soon"], /--io-delay must be a number from 0 to 3600000; got "soon"/],
    [[sample, "-o", ""], /-o needs a value \(-o PATH\); got an empty one/],
  ])("%j", async (args, message) => {
    const r = await dmx([
      "compute",
      ...args,
      ...(args.includes("-o") ? [] : ["-o", join(dir, "usage.out")]),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, "usage.out"))).toBe(false);
  });
});
