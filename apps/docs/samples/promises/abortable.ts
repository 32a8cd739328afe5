// AbortController in your own API: accept `{ signal }`, fail fast if it is already aborted,
// stop your work (timers, loops, child requests) when it fires, and reject with its reason.

/** Counts to `n`, one number every `ms`; stops when `signal` aborts. */
export function countSlowly(
  n: number,
  ms: number,
  options: { signal?: AbortSignal } = {},
): Promise<number[]> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted(); // already aborted: do not start
    const seen: number[] = [];
    const timer = setInterval(() => {
      seen.push(seen.length + 1);
      if (seen.length === n) finish();
    }, ms);
    const onAbort = () => {
      clearInterval(timer); // stop the work, not only the promise
      reject(signal!.reason);
    };
    const finish = () => {
      clearInterval(timer);
      signal?.removeEventListener("abort", onAbort); // no leak when it completes
      resolve(seen);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `pnpm --filter @dmx/docs run sample promises/abortable` */
export async function main(): Promise<void> {
  console.log(`no signal: ${await countSlowly(3, 5)}`);
  try {
    await countSlowly(100, 5, { signal: AbortSignal.timeout(30) });
  } catch (error) {
    console.log(`timeout signal: rejected with ${(error as Error).name}`);
  }
  const controller = new AbortController();
  controller.abort(new Error("user pressed stop"));
  await countSlowly(3, 5, controller).catch((error) =>
    console.log(`already aborted: ${(error as Error).message}`),
  );
}
