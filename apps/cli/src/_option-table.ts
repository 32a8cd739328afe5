/**
 * The one place a command's options are declared: each entry gives the name (its key), short
 * flag, type, range or choices, default and help. The parser (`_parse-options.ts`) and the
 * help text (`_help.ts`) are both generated from it.
 */

/** What every option entry has. */
interface OptionBase {
  /** One-letter alias, without the dash (`"o"` for `-o`). */
  readonly short?: string;
  /** One line for `--help`; the range, choices and default are appended from the entry. */
  readonly help: string;
  /** Lines shown below the help line (for options whose values need explaining). */
  readonly details?: readonly string[];
  /** The default as `--help` shows it, when it is not a fixed value (`"CPU count"`). */
  readonly defaultText?: string;
}

/** An on/off switch; `false` unless given. `negatable` also accepts `--no-NAME`. */
export interface FlagOption extends OptionBase {
  readonly type: "flag";
  readonly negatable?: boolean;
}

/** A whole number in `[min, max]` (decimal digits only: no hex, no exponent). */
export interface IntOption extends OptionBase {
  readonly type: "int";
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** A decimal number in `[min, max]`, or in `(min, max]` with `minExclusive`. */
export interface NumberOption extends OptionBase {
  readonly type: "number";
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly default?: number;
}

/** One of a fixed list of words, taken from the package that owns the list. */
export interface ChoiceOption extends OptionBase {
  readonly type: "choice";
  readonly value: string;
  readonly choices: readonly string[];
  readonly default?: string;
}

/** Free text, such as a path; never empty. */
export interface TextOption extends OptionBase {
  readonly type: "text";
  readonly value: string;
  readonly default?: string;
}

/** A comma-separated list of words, or of whole numbers in `[min, max]` (`of: "int"`). */
export interface ListOption extends OptionBase {
  readonly type: "list";
  readonly value: string;
  readonly of: "text" | "int";
  readonly min?: number;
  readonly max?: number;
  readonly default?: readonly string[] | readonly number[];
}

/** One entry of an option table. */
export type OptionSpec =
  | FlagOption
  | IntOption
  | NumberOption
  | ChoiceOption
  | TextOption
  | ListOption;

/** A command's options by long name (`"io-delay"` for `--io-delay`). */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** A command as its help and errors describe it. */
export interface CommandSpec<T extends OptionTable> {
  /** The words after `dmx` that `see dmx <name> --help` names (`"compute"`, `"iot"`). */
  readonly name: string;
  /** `Usage:` line(s), without the word `Usage:`. */
  readonly usage: string;
  /** Paragraphs between the usage line and the options. */
  readonly about: string;
  readonly options: T;
  /** Text after the options (exit codes, column meanings, ...). */
  readonly footer?: string;
}

/** The value type of one option entry. */
export type OptionValue<S> = S extends FlagOption
  ? boolean
  : S extends IntOption | NumberOption
    ? number
    : S extends { readonly type: "choice"; readonly choices: readonly (infer C)[] }
      ? C
      : S extends { readonly type: "list"; readonly of: "int" }
        ? number[]
        : S extends ListOption
          ? string[]
          : string;

/** Parsed values: flags are booleans; an option with a default always has a value. */
export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]: T[K] extends FlagOption
    ? boolean
    : T[K] extends { readonly default: unknown }
      ? OptionValue<T[K]>
      : OptionValue<T[K]> | undefined;
};

const MAX_SHOWN = 1e9;

function bound(n: number): string {
  return n >= MAX_SHOWN ? "" : String(n);
}

/** The rule an int or number option's value must follow, as errors and help say it. */
export function numberRule(spec: IntOption | NumberOption | ListOption): string {
  const what = spec.type === "number" ? "a number" : "an integer";
  const min = spec.min ?? 0;
  const max = bound(spec.max ?? Number.POSITIVE_INFINITY);
  if (spec.type === "number" && spec.minExclusive) {
    return max ? `${what} above ${min}, up to ${max}` : `${what} above ${min}`;
  }
  return max ? `${what} from ${min} to ${max}` : `${what} of at least ${min}`;
}

/** The default of an entry as `--help` shows it, or `undefined` when there is none. */
export function defaultShown(spec: OptionSpec): string | undefined {
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (spec.type === "flag" || spec.default === undefined) return undefined;
  return Array.isArray(spec.default) ? spec.default.join(",") : String(spec.default);
}
