// One real "abort" listener per signal, however many waits share it. Thousands of parallel
// steps share their group's signal; adding a listener each would trip Node's
// MaxListenersExceededWarning and make EventTarget's duplicate check quadratic. The listener
// is removed again once nobody waits, so a long-lived signal keeps nothing.

type Callback = () => void;

interface Entry {
  readonly callbacks: Set<Callback>;
  readonly listener: () => void;
}

const registry = new WeakMap<AbortSignal, Entry>();

/**
 * Calls `callback` once when `signal` aborts; returns a function that unsubscribes. The signal
 * must not be aborted yet (check `signal.aborted` first).
 */
export function onAbort(signal: AbortSignal, callback: Callback): () => void {
  let entry = registry.get(signal);
  if (!entry) {
    const callbacks = new Set<Callback>();
    const listener = () => {
      registry.delete(signal);
      for (const cb of [...callbacks]) cb();
      callbacks.clear();
    };
    entry = { callbacks, listener };
    registry.set(signal, entry);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = entry;
  callbacks.add(callback);
  return () => {
    if (!callbacks.delete(callback) || callbacks.size > 0) return;
    if (registry.get(signal) === entry) registry.delete(signal);
    signal.removeEventListener("abort", listener);
  };
}
