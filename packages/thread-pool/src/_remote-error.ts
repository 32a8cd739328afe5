import { ThreadPoolError } from "./_errors.ts";
import type { SerializedError } from "./_protocol.ts";

const builtins: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/**
 * Rebuilds on the main thread what a task threw in the worker: same class for the built-in
 * error types (an `Error` with the same `name` otherwise), same message, the worker's stack
 * (so the frames point into the task module), own enumerable properties such as `code`,
 * and `cause`. A thrown non-Error value is returned as the (cloned) value itself.
 */
export function reviveError(serialized: SerializedError): unknown {
  if (serialized.kind === "value") return serialized.value;
  if (serialized.kind === "pool") return new ThreadPoolError(serialized.code, serialized.message);
  const Ctor = builtins[serialized.name] ?? Error;
  const options =
    serialized.cause === undefined ? undefined : { cause: reviveError(serialized.cause) };
  const error = new Ctor(serialized.message, options);
  if (error.name !== serialized.name) {
    Object.defineProperty(error, "name", {
      value: serialized.name,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  if (serialized.stack !== undefined) {
    Object.defineProperty(error, "stack", {
      value: serialized.stack,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  Object.assign(error, serialized.props);
  return error;
}
