import { abortError } from "../_util.ts";
import type { Tile } from "../plan/_layout.ts";

/** A promise that rejects with the signal's reason once it aborts, and its cleanup. */
function abortPromise(signal: AbortSignal | undefined): {
  aborted: Promise<never>;
  dispose(): void;
} {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    onAbort = () => reject(abortError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => {});
  return {
    aborted,
    dispose() {
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * Runs `submit(tile, slot)` for `tiles` with at most `window` in flight and yields the
 * results in tile order. A tile's slot (`index % window`) is handed to the next tile only
 * after the consumer has asked for the result that follows it, so a slot's memory can be
 * reused safely. Rejections are surfaced in order; an abort ends the wait at once. When the
 * run fails (a rejection, an abort, an error thrown in), `stop` runs before the error is
 * rethrown: an aborted or failed run must not keep its workers computing. When the consumer
 * stops early (`return()`), the tiles still in flight are waited for (they finish; nothing
 * they write to may be released before that).
 */
export async function* ordered<R>(
  tiles: readonly Tile[],
  window: number,
  submit: (tile: Tile, slot: number) => Promise<R>,
  signal: AbortSignal | undefined,
  stop?: () => Promise<void>,
): AsyncGenerator<R, void, undefined> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const start = () => {
    const tile = tiles[next]!;
    const promise = submit(tile, next % window);
    promise.catch(() => {}); // surfaced in order below; never "unhandled" meanwhile
    pending.push(promise);
    next++;
  };
  while (next < tiles.length && pending.length < window) start();
  const abort = abortPromise(signal);
  let failed = false;
  try {
    while (pending.length > 0) {
      const result = await Promise.race([abort.aborted, pending.shift()!]);
      yield result;
      if (next < tiles.length) start();
    }
  } catch (error) {
    failed = true;
    await stop?.();
    throw error;
  } finally {
    abort.dispose();
    if (!failed && pending.length > 0) await Promise.allSettled(pending);
  }
}

/**
 * Like {@link ordered}, but yields each result as soon as it is ready, in any order, and
 * starts the next tile at once: for tiles that are written in place (e.g. into a file at
 * their own positions), where waiting for the oldest tile would only idle the workers.
 * There are no slots (`slot` is always 0): the results must not share memory.
 */
export async function* completed<R>(
  tiles: readonly Tile[],
  window: number,
  submit: (tile: Tile, slot: number) => Promise<R>,
  signal: AbortSignal | undefined,
  stop?: () => Promise<void>,
): AsyncGenerator<R, void, undefined> {
  const pending = new Map<number, Promise<{ key: number; result: R }>>();
  let next = 0;
  const start = () => {
    const key = next++;
    const promise = submit(tiles[key]!, 0).then((result) => ({ key, result }));
    promise.catch(() => {}); // surfaced below; never "unhandled" meanwhile
    pending.set(key, promise);
  };
  while (next < tiles.length && pending.size < window) start();
  const abort = abortPromise(signal);
  let failed = false;
  try {
    while (pending.size > 0) {
      const { key, result } = await Promise.race([abort.aborted, ...pending.values()]);
      pending.delete(key);
      if (next < tiles.length) start();
      yield result;
    }
  } catch (error) {
    failed = true;
    await stop?.();
    throw error;
  } finally {
    abort.dispose();
    if (!failed && pending.size > 0) await Promise.allSettled(pending.values());
  }
}
