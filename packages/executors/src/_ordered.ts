import type { Tile } from "./_layout.ts";
import { abortError } from "./_util.ts";

/**
 * Runs `submit(tile, slot)` for `tiles` with at most `window` in flight and yields the
 * results in tile order. A tile's slot (`index % window`) is handed to the next tile only
 * after the consumer has asked for the result that follows it, so a slot's memory can be
 * reused safely. Rejections are surfaced in order; an abort ends the wait at once. When the
 * run fails (a rejection, an abort, an error thrown in), `stop` runs before the error is
 * rethrown: an aborted or failed run must not keep its workers computing.
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
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    onAbort = () => reject(abortError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    while (pending.length > 0) {
      const result = await Promise.race([pending.shift()!, aborted]);
      yield result;
      if (next < tiles.length) start();
    }
  } catch (error) {
    await stop?.();
    throw error;
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
