// @ts-check
// Worker side: flattens whatever a task threw into plain data that survives structured
// clone, keeping class name, message, stack, own properties and cause.

/** @typedef {import("./_protocol.ts").SerializedError} SerializedError */

/**
 * @param {unknown} error
 * @param {number} depth
 * @param {boolean} [plain] drop properties that might not be cloneable
 * @returns {SerializedError}
 */
export function serializeError(error, depth, plain = false) {
  if (isPoolError(error)) return error;
  if (!(error instanceof Error)) {
    return plain ? { kind: "value", value: String(error) } : { kind: "value", value: error };
  }
  /** @type {Record<string, unknown>} */
  const props = {};
  if (!plain) {
    for (const key of Object.keys(error)) {
      if (key !== "cause") props[key] = /** @type {any} */ (error)[key];
    }
  }
  /** @type {SerializedError} */
  const out = {
    kind: "error",
    name: String(error.name),
    message: String(error.message),
    stack: typeof error.stack === "string" ? error.stack : undefined,
    props,
  };
  if ("cause" in error && error.cause !== undefined && depth < 4) {
    out.cause = serializeError(error.cause, depth + 1, plain);
  }
  return out;
}

/**
 * @param {unknown} value
 * @returns {value is SerializedError}
 */
export function isPoolError(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    /** @type {{ kind?: unknown }} */ (value).kind === "pool"
  );
}
