import { parseArgs } from "node:util";
import { quote, UsageError } from "./_errors.ts";
import {
  type CommandSpec,
  numberRule,
  type OptionSpec,
  type OptionTable,
  type OptionValues,
} from "./_option-table.ts";
import { didYouMean } from "./_suggest.ts";

/** What {@link parseOptions} returns: the values (defaults applied) and the other words. */
export interface ParsedOptions<T extends OptionTable> {
  readonly values: OptionValues<T>;
  readonly positionals: string[];
  /** The long names of the options the user gave (a default is not given). */
  readonly given: ReadonlySet<string>;
}

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A word after an option that is another option, not its value (`-1` and `-` are values). */
function looksLikeOption(word: string): boolean {
  return /^--[^-]/.test(word) || /^-[A-Za-z]/.test(word);
}

function readNumber(flag: string, spec: OptionSpec & { type: "int" | "number" }, text: string) {
  const n = Number(text);
  const ok =
    (spec.type === "int" ? INT.test(text) && Number.isSafeInteger(n) : DECIMAL.test(text)) &&
    (spec.type === "number" && spec.minExclusive ? n > spec.min : n >= spec.min) &&
    n <= spec.max;
  if (!ok) throw new UsageError(`${flag} must be ${numberRule(spec)}; got ${quote(text)}`);
  return n;
}

/** Turns the text given for an option into its value, or throws a {@link UsageError}. */
export function readValue(flag: string, spec: OptionSpec, text: string): unknown {
  switch (spec.type) {
    case "flag":
      return true;
    case "int":
    case "number":
      return readNumber(flag, spec, text);
    case "choice":
      if (!spec.choices.includes(text)) {
        throw new UsageError(
          `${flag} must be one of ${spec.choices.join(", ")}; got ${quote(text)}${didYouMean(text, spec.choices)}`,
        );
      }
      return text;
    case "text":
      return text;
    case "list": {
      const items = text.split(",").map((x) => x.trim());
      if (items.some((x) => x === ""))
        throw new UsageError(`${flag}: empty item in ${quote(text)}`);
      if (spec.of === "text") return items;
      const item = {
        type: "int",
        value: spec.value,
        help: "",
        min: spec.min ?? 0,
        max: spec.max ?? Number.MAX_SAFE_INTEGER,
      } as const;
      return items.map((x) => readNumber(`each item of ${flag}`, item, x));
    }
  }
}

/**
 * Parses a command's words with its option table. Unknown options, a missing or bad value and
 * a value given to a flag are {@link UsageError}s (exit 2) that name the option, suggest the
 * closest known one and point to `dmx <command> --help`. Negative numbers are values
 * (`--threads -1` reports the range). `--help` anywhere wins over any other error.
 * Repeating an option keeps the last value.
 */
export function parseOptions<T extends OptionTable>(
  command: CommandSpec<T>,
  argv: readonly string[],
): ParsedOptions<T> {
  const table: OptionTable = command.options;
  const see = `; see dmx ${command.name} --help`;
  const config: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [name, spec] of Object.entries(table)) {
    config[name] = {
      type: spec.type === "flag" ? "boolean" : "string",
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  let error: UsageError | undefined;
  const fail = (message: string) => {
    error ??= new UsageError(message);
  };
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const spec = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    const flag = token.rawName;
    if (spec === undefined) {
      const base = token.name.startsWith("no-") ? token.name.slice(3) : "";
      const negated = Object.hasOwn(table, base) ? table[base] : undefined;
      if (negated?.type === "flag" && negated.negatable && token.value === undefined) {
        values[base] = false;
        continue;
      }
      const hint = flag.startsWith("--") ? didYouMean(token.name, Object.keys(table), "--") : "";
      fail(`unknown option ${flag}${hint}${see}`);
      continue;
    }
    if (spec.type === "flag") {
      if (token.value !== undefined) fail(`${flag} takes no value; got ${quote(token.value)}`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && looksLikeOption(token.value))) {
      fail(`${flag} needs a value (${flag} ${spec.value})${see}`);
      continue;
    }
    if (token.value === "") {
      fail(`${flag} needs a value (${flag} ${spec.value}); got an empty one`);
      continue;
    }
    try {
      values[token.name] = readValue(`--${token.name}`, spec, token.value);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  if (values.help === true) {
    return { values: values as OptionValues<T>, positionals, given: new Set(Object.keys(values)) };
  }
  if (error) throw error;
  const given = new Set(Object.keys(values));
  for (const [name, spec] of Object.entries(table)) {
    if (values[name] !== undefined) continue;
    if (spec.type === "flag") values[name] = false;
    else if (spec.default !== undefined) values[name] = spec.default;
  }
  return { values: values as OptionValues<T>, positionals, given };
}

/**
 * The word the user wrote as a subcommand or positional choice, checked against `known`:
 * a {@link UsageError} with "did you mean" when it is not one of them.
 */
export function expectWord(
  what: string,
  word: string | undefined,
  known: readonly string[],
  command: string,
): string {
  const list = known.join(", ");
  if (word === undefined)
    throw new UsageError(`missing the ${what} (${list}); see dmx ${command} --help`);
  if (!known.includes(word)) {
    throw new UsageError(
      `unknown ${what} ${quote(word)}${didYouMean(word, known)}; see dmx ${command} --help`,
    );
  }
  return word;
}
