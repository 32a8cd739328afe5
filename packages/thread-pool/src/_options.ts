import { ErrorCode, ThreadPoolError } from "./_errors.ts";

const invalid = (message: string): ThreadPoolError =>
  new ThreadPoolError(ErrorCode.InvalidArgument, `@dmx/thread-pool: ${message}`);

/**
 * Normalises the task module reference to an absolute URL string. Accepts a `URL`, a URL
 * string (`file:`, `https:`, `data:` ...) or an absolute file path; refuses relative paths,
 * which would silently resolve against the worker entry instead of the caller.
 */
export function toModuleUrl(taskModule: unknown): string {
  if (taskModule instanceof URL) return taskModule.href;
  if (typeof taskModule !== "string" || taskModule === "") {
    throw invalid(
      `new ThreadPool(taskModule): taskModule must be a URL or an absolute path, got ${describe(taskModule)}`,
    );
  }
  const windowsPath = /^[a-zA-Z]:[\\/]/.test(taskModule);
  if (!windowsPath && /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(taskModule)) {
    try {
      return new URL(taskModule).href;
    } catch {
      throw invalid(`new ThreadPool(taskModule): "${taskModule}" is not a valid URL`);
    }
  }
  if (taskModule.startsWith("/") || windowsPath) {
    const url = new URL("file:///");
    url.pathname = windowsPath ? `/${taskModule.replaceAll("\\", "/")}` : taskModule;
    return url.href;
  }
  throw invalid(
    `new ThreadPool(taskModule): "${taskModule}" is relative; pass new URL("${taskModule}", import.meta.url) or an absolute path`,
  );
}

/** Checks an optional integer option: `undefined` → `fallback`. */
export function intOption(
  where: string,
  value: unknown,
  fallback: number,
  min: number,
  allowInfinity = false,
): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === "number" &&
    ((allowInfinity && value === Number.POSITIVE_INFINITY) || Number.isInteger(value)) &&
    value >= min;
  if (!ok) {
    const what = allowInfinity ? `an integer >= ${min} or Infinity` : `an integer >= ${min}`;
    throw invalid(`${where} must be ${what}, got ${describe(value)}`);
  }
  return value as number;
}

/** Checks a task name. */
export function taskName(where: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw invalid(
      `${where}: task must be the name of an exported function, got ${describe(value)}`,
    );
  }
  return value;
}

/** Checks that `value` is an array (args, items, transfer list). */
export function arrayOption(where: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(`${where} must be an array, got ${describe(value)}`);
  return value;
}

/** Throws the standard "invalid argument" error. */
export function invalidArgument(message: string): ThreadPoolError {
  return invalid(message);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : (value.constructor?.name ?? "an object");
}
