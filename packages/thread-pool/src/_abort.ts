import { TaskAbortedError } from "./_errors.ts";

/** Builds the rejection for a task whose signal fired; `cause` is the signal's reason. */
export function abortError(signal: AbortSignal, task: string): TaskAbortedError {
  return new TaskAbortedError(`task "${task}" was aborted`, { cause: signal.reason });
}

/**
 * Calls `onAbort` once when `signal` fires; returns a function that stops listening (call it
 * when the task settles, so long-lived signals do not accumulate listeners).
 */
export function listenForAbort(signal: AbortSignal, onAbort: () => void): () => void {
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

/** True for anything that quacks like an `AbortSignal` (Node, Deno and DOM signals differ). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AbortSignal).aborted === "boolean" &&
    typeof (value as AbortSignal).addEventListener === "function"
  );
}
