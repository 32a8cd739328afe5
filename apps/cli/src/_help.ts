import { ExitCode } from "./_errors.ts";
import {
  type CommandSpec,
  defaultShown,
  type OptionSpec,
  type OptionTable,
} from "./_option-table.ts";
import { cliVersion } from "./_version.ts";

const MAX_LEFT = 22;
const WIDTH = 96;

/** `text` broken at spaces into lines of at most `width` characters (longer words stay whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

function left(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : "    ";
  const negated = spec.type === "flag" && spec.negatable ? `, --no-${name}` : "";
  const value = spec.type === "flag" ? "" : ` ${spec.value}`;
  return `  ${short}--${name}${negated}${value}`;
}

/** The range of a number option in few words: `1 to 256`, `above 0`, `0 or more`. */
function range(spec: { min?: number; max?: number; minExclusive?: boolean }): string {
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  const upTo = max < 1e9 ? max : undefined;
  if (spec.minExclusive) return upTo === undefined ? `above ${min}` : `above ${min}, up to ${upTo}`;
  return upTo === undefined ? `${min} or more` : `${min} to ${upTo}`;
}

/** The help line of one entry: its help, then the choices or range and the default. */
function describe(spec: OptionSpec): string {
  const extra: string[] = [];
  if (spec.type === "choice") extra.push(spec.choices.join(", "));
  if (spec.type === "int" || spec.type === "number") extra.push(range(spec));
  if (spec.type === "list" && spec.of === "int") extra.push(`each ${range(spec)}`);
  const fallback = defaultShown(spec);
  if (fallback !== undefined) extra.push(`default: ${fallback}`);
  return extra.length === 0 ? spec.help : `${spec.help} (${extra.join("; ")})`;
}

/** The `Options:` block generated from an option table, in the table's order. */
export function optionsHelp(table: OptionTable): string {
  const rows = Object.entries(table).map(([name, spec]) => [left(name, spec), spec] as const);
  const width = Math.min(MAX_LEFT, Math.max(...rows.map(([l]) => l.length)));
  const pad = " ".repeat(width + 2);
  const lines: string[] = [];
  for (const [l, spec] of rows) {
    const [first = "", ...more] = wrap(describe(spec), WIDTH - pad.length);
    if (l.length > width) lines.push(l, `${pad}${first}`);
    else lines.push(`${l.padEnd(width)}  ${first}`);
    for (const line of more) lines.push(`${pad}${line}`);
    for (const detail of spec.details ?? []) lines.push(`${pad}${detail}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A command's whole `--help`: usage, what it does, the generated options, the footer. */
export function helpText<T extends OptionTable>(command: CommandSpec<T>): string {
  const footer = command.footer ? `\n${command.footer.trimEnd()}\n` : "";
  return `Usage: ${command.usage}\n\n${command.about.trimEnd()}\n\nOptions:\n${optionsHelp(command.options)}${footer}`;
}

/**
 * Prints the help (`-h`) or the version (`-v`) when asked, and returns the exit code then;
 * `undefined` means the command should run.
 */
export function helpOrVersion<T extends OptionTable>(
  command: CommandSpec<T>,
  values: { readonly help?: boolean; readonly version?: boolean },
  stdout: NodeJS.WritableStream,
): number | undefined {
  if (values.help) stdout.write(helpText(command));
  else if (values.version) stdout.write(`${cliVersion()}\n`);
  else return undefined;
  return ExitCode.ok;
}
