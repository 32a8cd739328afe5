import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./_errors.ts";

/** The option table of a command, as `node:util` `parseArgs` takes it. */
export type OptionTable = NonNullable<ParseArgsConfig["options"]>;

/** What {@link parseCommandArgs} returns for the option table `O`: typed values and positionals. */
export type ParsedCommandArgs<O extends OptionTable> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * Parses a command's words strictly (an unknown option is an error), with positionals allowed.
 * `parseArgs`'s own errors become {@link UsageError}s (exit 2), followed by `hint`.
 */
export function parseCommandArgs<const O extends OptionTable>(
  argv: readonly string[],
  options: O,
  hint = "",
): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}${hint}`);
  }
}

const WHOLE = /^\d+$/;
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The value of an optional whole-number option in [min, max], or `fallback` when it is absent.
 * Anything else is a {@link UsageError} naming the option, the range and the value.
 */
export function wholeNumberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!WHOLE.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/**
 * The value of an optional decimal option in [min, max], or `fallback` when it is absent.
 * Anything else is a {@link UsageError} naming the option, the range and the value.
 */
export function decimalOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!DECIMAL.test(value.trim()) || !(n >= min && n <= max)) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}
