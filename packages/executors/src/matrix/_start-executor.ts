import { statSync } from "node:fs";
import { autoExecutor, createExecutor, resolveExecutor } from "../executors/_create.ts";
import type { Executor, ExecutorName } from "../executors/_executor.ts";
import type { LocationInput } from "./_input.ts";

/** An executor to run with, and whether this run created it (and so closes it). */
export interface ResolvedExecutor {
  readonly executor: Executor;
  readonly owned: boolean;
}

/** A conservative guess of the bytes per CSV row (name, latitude, longitude). */
const BYTES_PER_ROW = 48;

function rowsGuess(input: LocationInput | undefined): number | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== "string") return input.names.length;
  try {
    return Math.floor(statSync(input).size / BYTES_PER_ROW);
  } catch {
    return undefined; // reading it will say why
  }
}

/**
 * Starts the executor a file run will most likely use before the input is read, so its
 * workers boot while the CSV is parsed: the named one, or for `"auto"` the choice for the
 * size guessed from the file's bytes, with {@link Executor.warmUp} (pool executors start
 * their workers; the others have nothing to start). An {@link Executor} passed in is warmed,
 * not owned, and `undefined` is returned: it is the one to run with.
 */
export async function startExecutorEarly(
  option: ExecutorName | "auto" | Executor | undefined,
  threads: number,
  input: LocationInput,
  destinations: LocationInput | undefined,
  square: boolean,
  text = false,
): Promise<ResolvedExecutor | undefined> {
  if (typeof option === "object" && option !== null) {
    option.warmUp?.();
    return undefined;
  }
  if (typeof input !== "string") return undefined;
  let name: ExecutorName;
  if (option === undefined || option === "auto") {
    const n = rowsGuess(input);
    if (n === undefined) return undefined;
    const m = rowsGuess(destinations);
    const values = m !== undefined ? n * m : square ? n * n : (n * (n - 1)) / 2;
    name = autoExecutor(values, threads, text);
  } else name = option;
  const executor = await createExecutor(name, { threads });
  executor.warmUp?.();
  return { executor, owned: true };
}

/**
 * The executor for the run, now that the output size is known: the early one when it is
 * the right one, else (closing the early one) the one {@link resolveExecutor} picks.
 */
export async function settleExecutor(
  early: ResolvedExecutor | undefined,
  option: ExecutorName | "auto" | Executor | undefined,
  values: number,
  threads: number,
  text = false,
): Promise<ResolvedExecutor> {
  if (early && typeof option !== "object") {
    const want =
      option === undefined || option === "auto" ? autoExecutor(values, threads, text) : option;
    if (early.executor.name === want) return early;
    await early.executor.close();
  }
  return resolveExecutor(option, values, threads, text);
}
