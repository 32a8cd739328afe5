// The option table machinery on its own: parsing, validation, help and suggestions.
import { dtypes, executorNames, MAX_THREADS, outputFormats } from "@dmx/executors";
import { METRICS, UNITS } from "@dmx/geo";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { userCwd } from "../src/_cwd.ts";
import { quote } from "../src/_errors.ts";
import { helpText } from "../src/_help.ts";
import type { CommandSpec, OptionTable } from "../src/_option-table.ts";
import { parseOptions } from "../src/_parse-options.ts";
import { closest, editDistance } from "../src/_suggest.ts";
import { computeOptions, computeSpec } from "../src/compute/_options.ts";

const options = {
  threads: { type: "int", short: "t", value: "N", min: 1, max: 256, help: "workers" },
  delay: { type: "number", value: "MS", min: 0, max: 1000, default: 5, help: "wait" },
  color: { type: "choice", value: "C", choices: ["red", "green"], help: "colour" },
  header: { type: "flag", negatable: true, help: "header line" },
  sizes: { type: "list", value: "LIST", of: "int", min: 2, max: 99, help: "sizes" },
  output: { type: "text", short: "o", value: "PATH", help: "where" },
  quiet: { type: "flag", short: "q", help: "quiet" },
  help: { type: "flag", short: "h", help: "help" },
} as const satisfies OptionTable;
const spec: CommandSpec<typeof options> = {
  name: "try",
  usage: "dmx try",
  about: "A test command.",
  options,
};
const parse = (...argv: string[]) => parseOptions(spec, argv);
const usage = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`no error for ${argv.join(" ")}`);
};

describe("parseOptions", () => {
  it("reads typed values, applies defaults, keeps positionals", () => {
    const { values, positionals, given } = parse("a.csv", "-t", "4", "--color=red", "-qo", "-");
    expect(values).toEqual({
      threads: 4,
      delay: 5,
      color: "red",
      header: false,
      output: "-",
      quiet: true,
      help: false,
    });
    expect(positionals).toEqual(["a.csv"]);
    expect([...given].sort()).toEqual(["color", "output", "quiet", "threads"]);
  });

  it("negative numbers are values, checked against the range", () => {
    expect(usage("--threads", "-1")).toBe('--threads must be an integer from 1 to 256; got "-1"');
    expect(usage("-t", "-1")).toBe('--threads must be an integer from 1 to 256; got "-1"');
    expect(usage("--delay", "-5")).toBe('--delay must be a number from 0 to 1000; got "-5"');
  });

  it("hex, exponents, blanks and fractions are not integers", () => {
    for (const text of ["0x10", "1e1", " 4", "4.0", "", "Infinity", "٤"]) {
      expect(() => parse("--threads", text)).toThrow(/--threads/);
    }
  });

  it("unknown options name the closest known one and the help", () => {
    expect(usage("--colour", "red")).toBe(
      "unknown option --colour (did you mean --color?); see dmx try --help",
    );
    expect(usage("--zzz")).toBe("unknown option --zzz; see dmx try --help");
    expect(usage("-x")).toBe("unknown option -x; see dmx try --help");
  });

  it("a missing value, a value for a flag, and another option as a value are errors", () => {
    expect(usage("--threads")).toBe("--threads needs a value (--threads N); see dmx try --help");
    expect(usage("-o", "--quiet")).toBe("-o needs a value (-o PATH); see dmx try --help");
    expect(usage("--quiet=yes")).toBe('--quiet takes no value; got "yes"');
    expect(usage("--color", "blue")).toBe('--color must be one of red, green; got "blue"');
  });

  it("--no-NAME turns a negatable flag off; lists are split and checked", () => {
    expect(parse("--header", "--no-header").values.header).toBe(false);
    expect(parse("--sizes", "10, 20").values.sizes).toEqual([10, 20]);
    expect(usage("--sizes", "10,1")).toMatch(/each item of --sizes must be an integer from 2/);
    expect(usage("--no-quiet")).toMatch(/unknown option --no-quiet/);
  });

  it("--help wins over any other error", () => {
    expect(parse("--threads", "zero", "--bogus", "-h").values.help).toBe(true);
  });

  it("an integer option accepts exactly the decimal integers in its range", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        const inRange = n >= 1 && n <= 256;
        if (inRange) expect(parse("--threads", String(n)).values.threads).toBe(n);
        else expect(() => parse("--threads", String(n))).toThrow(/from 1 to 256/);
        expect(() => parse("--threads", `0x${Math.abs(n).toString(16)}`)).toThrow(/got "0x/);
      }),
    );
  });
});

describe("help text", () => {
  it("is generated from the table: every option, its range, choices and default", () => {
    const help = helpText(spec);
    expect(help).toContain("  -t, --threads N");
    expect(help).toContain("(1 to 256)");
    expect(help).toContain("(0 to 1000; default: 5)");
    expect(help).toContain("--header, --no-header");
    expect(help).toContain("colour (red, green)");
  });

  it("dmx compute's lists come from the packages that own them", () => {
    const help = helpText(computeSpec);
    for (const word of [...executorNames, ...METRICS, ...UNITS, ...dtypes, ...outputFormats]) {
      expect(help).toContain(word);
    }
    expect(help).toContain(`(1 to ${MAX_THREADS};`);
    expect(computeOptions.metric.choices).toBe(METRICS);
    expect(computeOptions.unit.choices).toBe(UNITS);
    expect(computeOptions.dtype.choices).toBe(dtypes);
    expect(computeOptions.format.choices).toBe(outputFormats);
  });

  it("no line is wider than 96 columns", () => {
    for (const line of helpText(computeSpec).split("\n")) {
      expect(line.length).toBeLessThanOrEqual(96);
    }
  });
});

describe("suggestions", () => {
  const compute = Object.keys(computeOptions);
  it.each([
    ["frobnicate", "format"],
    ["thread", "threads"],
    ["exectuor", "executor"],
    ["iodelay", "io-delay"],
    ["xyz", undefined],
  ])("--%s -> %s", (typo, expected) => {
    expect(closest(typo, compute)).toBe(expected);
  });

  it("commands and subcommands", () => {
    const commands = ["compute", "bench", "iot", "demo"];
    expect(closest("comptue", commands)).toBe("compute");
    expect(closest("bnech", commands)).toBe("bench");
    expect(closest("rnu", ["run"])).toBe("run");
    expect(closest("test", commands)).toBeUndefined();
  });

  it("edit distance is a metric on words (symmetric, zero only for equal words)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("quote", () => {
  it("escapes invisible characters and cuts long tokens to about 60 characters", () => {
    expect(quote("light\u0000")).toBe('"light\\u0000"');
    expect(quote("a\u200bb")).toBe('"a\\u200bb"');
    expect(quote("x".repeat(500)).length).toBeLessThanOrEqual(62);
  });
});

describe("userCwd", () => {
  const root = "/repo";
  const pnpm = {
    npm_lifecycle_event: "dmx",
    npm_package_json: "/repo/package.json",
    INIT_CWD: "/repo/examples",
  };
  it("pnpm dmx at the repository root: the directory pnpm was run from", () => {
    expect(userCwd(pnpm, root)).toBe("/repo/examples");
  });
  it("otherwise the process's own directory", () => {
    expect(userCwd({}, root)).toBe(root);
    expect(userCwd({ ...pnpm, npm_lifecycle_event: "test" }, root)).toBe(root);
    expect(userCwd({ ...pnpm, npm_package_json: "/other/package.json" }, root)).toBe(root);
    expect(userCwd({ ...pnpm, INIT_CWD: "examples" }, root)).toBe(root);
  });
});
