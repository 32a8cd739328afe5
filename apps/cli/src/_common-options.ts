import type { FlagOption, TextOption } from "./_option-table.ts";

/** What the common options do in one command (their help, in that command's words). */
export interface CommonOptionTexts {
  /** Where the data goes without `-o`. */
  readonly output: string;
  /** What `--json` writes. */
  readonly json: string;
  /** What `-q` silences on stderr. */
  readonly quiet: string;
}

/**
 * `-o/--output`, `--json`, `-q/--quiet`, `-h/--help` and `-v/--version`, which mean the same
 * in every command: `-o PATH` is where the data goes (`-` for stdout; files are written to a
 * temporary file and renamed), `--json` writes the data as JSON, `-q` keeps stderr to errors,
 * `-h` prints the help, `-v` the version. Spread it at the end of a command's option table.
 */
export function commonOptions(texts: CommonOptionTexts) {
  return {
    output: {
      type: "text",
      short: "o",
      value: "PATH",
      help: "write the data to PATH, or - for stdout",
      defaultText: texts.output,
    },
    json: { type: "flag", help: `write the data as JSON: ${texts.json}` },
    quiet: { type: "flag", short: "q", help: `no ${texts.quiet} on stderr (errors still show)` },
    help: { type: "flag", short: "h", help: "show this help" },
    version: { type: "flag", short: "v", help: "print the version" },
  } as const satisfies Record<string, FlagOption | TextOption>;
}
