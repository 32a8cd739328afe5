// `expect` with the Vitest matchers dmx tests use, built on node:util's deep equality.
import { inspect, isDeepStrictEqual } from "node:util";

// biome-ignore lint/suspicious/noExplicitAny: matcher signatures differ per matcher
type Matchers = Record<string, (...args: any[]) => any>;

const show = (v: unknown): string => inspect(v, { depth: 4, breakLength: 120 });

function partialMatch(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== "object") return Object.is(actual, expected);
  if (actual === null || typeof actual !== "object") return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => partialMatch(actual[i], e))
    );
  }
  return Object.entries(expected).every(([k, e]) =>
    partialMatch((actual as Record<string, unknown>)[k], e),
  );
}

/** Equality like Vitest's toEqual: recursive, ignoring own properties that are undefined. */
function looseEqual(a: unknown, b: unknown): boolean {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

function errorMatches(err: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof expected === "string") return message.includes(expected);
  if (expected instanceof RegExp) return expected.test(message);
  if (typeof expected === "function") return err instanceof (expected as new () => unknown);
  if (expected instanceof Error) return message === expected.message;
  if (typeof expected === "object") return partialMatch(err, expected);
  return false;
}

function matchers(actual: unknown): Matchers {
  return {
    toBe: (e: unknown) => [Object.is(actual, e), `expected ${show(actual)} to be ${show(e)}`],
    toEqual: (e: unknown) => [
      looseEqual(actual, e),
      `expected ${show(actual)} to equal ${show(e)}`,
    ],
    toStrictEqual: (e: unknown) => [
      isDeepStrictEqual(actual, e),
      `expected ${show(actual)} to strictly equal ${show(e)}`,
    ],
    toMatchObject: (e: unknown) => [
      partialMatch(actual, e),
      `expected ${show(actual)} to match ${show(e)}`,
    ],
    toBeCloseTo: (e: number, digits = 2) => [
      Math.abs((actual as number) - e) < 10 ** -digits / 2,
      `expected ${show(actual)} to be close to ${e} (${digits} digits)`,
    ],
    toBeGreaterThan: (e: number) => [(actual as number) > e, `expected ${show(actual)} > ${e}`],
    toBeGreaterThanOrEqual: (e: number) => [
      (actual as number) >= e,
      `expected ${show(actual)} >= ${e}`,
    ],
    toBeLessThan: (e: number) => [(actual as number) < e, `expected ${show(actual)} < ${e}`],
    toBeLessThanOrEqual: (e: number) => [
      (actual as number) <= e,
      `expected ${show(actual)} <= ${e}`,
    ],
    toBeNaN: () => [Number.isNaN(actual), `expected ${show(actual)} to be NaN`],
    toBeDefined: () => [actual !== undefined, `expected ${show(actual)} to be defined`],
    toBeUndefined: () => [actual === undefined, `expected ${show(actual)} to be undefined`],
    toBeNull: () => [actual === null, `expected ${show(actual)} to be null`],
    toBeTruthy: () => [Boolean(actual), `expected ${show(actual)} to be truthy`],
    toBeFalsy: () => [!actual, `expected ${show(actual)} to be falsy`],
    toBeInstanceOf: (c: abstract new (...a: never[]) => unknown) => [
      actual instanceof c,
      `expected ${show(actual)} to be an instance of ${c.name}`,
    ],
    toBeTypeOf: (t: string) => [typeof actual === t, `expected ${show(actual)} to be a ${t}`],
    toHaveLength: (n: number) => [
      (actual as { length: number })?.length === n,
      `expected length ${(actual as { length: number })?.length} to be ${n}`,
    ],
    toHaveProperty: (key: string, ...value: unknown[]) => {
      let v: unknown = actual;
      let has = true;
      for (const k of key.split(".")) {
        if (v === null || v === undefined || !(k in Object(v))) {
          has = false;
          break;
        }
        v = (v as Record<string, unknown>)[k];
      }
      const ok = has && (value.length === 0 || looseEqual(v, value[0]));
      return [ok, `expected ${show(actual)} to have property ${key}`];
    },
    toContain: (e: unknown) => [
      typeof actual === "string"
        ? actual.includes(e as string)
        : Array.from(actual as Iterable<unknown>).includes(e),
      `expected ${show(actual)} to contain ${show(e)}`,
    ],
    toMatch: (e: string | RegExp) => [
      typeof e === "string" ? String(actual).includes(e) : e.test(String(actual)),
      `expected ${show(actual)} to match ${show(e)}`,
    ],
    toThrow: (e?: unknown) => {
      if (typeof actual !== "function") throw new Error("toThrow needs a function");
      try {
        (actual as () => unknown)();
      } catch (err) {
        return [errorMatches(err, e), `expected thrown ${show(err)} to match ${show(e)}`];
      }
      return [false, "expected the function to throw"];
    },
  };
}

function assertion(actual: unknown, negate: boolean, mode: "" | "resolves" | "rejects"): Matchers {
  const out: Matchers = {};
  for (const name of Object.keys(matchers(undefined))) {
    const check = (value: unknown, args: unknown[]) => {
      const [ok, message] = matchers(value)[name]!(...args) as [boolean, string];
      if (ok === negate) throw new Error(negate ? `not: ${message}` : message);
    };
    out[name] = (...args: unknown[]) => {
      if (mode === "") return check(actual, args);
      return Promise.resolve(actual).then(
        (value) => {
          if (mode === "rejects") throw new Error(`expected a rejection, got ${show(value)}`);
          check(value, args);
        },
        (err) => {
          if (mode === "resolves") throw err;
          check(
            name === "toThrow"
              ? () => {
                  throw err;
                }
              : err,
            args,
          );
        },
      );
    };
  }
  out.toThrowError = out.toThrow!;
  return out;
}

type Expectation = Matchers & { not: Matchers; resolves: Matchers; rejects: Matchers };

/** Vitest-style `expect(value).matcher(...)`, with `.not`, `.resolves` and `.rejects`. */
export function expect(actual: unknown): Expectation {
  const base = assertion(actual, false, "");
  return Object.assign(base, {
    not: assertion(actual, true, ""),
    resolves: Object.assign(assertion(actual, false, "resolves"), {
      not: assertion(actual, true, "resolves"),
    }),
    rejects: Object.assign(assertion(actual, false, "rejects"), {
      not: assertion(actual, true, "rejects"),
    }),
  }) as Expectation;
}
