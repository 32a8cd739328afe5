// The back-pressure core under every worker executor: `ordered` (results in tile order, at
// most `window` in flight, slots reused only once the consumer has moved on) and `completed`
// (results as they finish). Gates are deferred promises the test resolves by hand: no timers.
import { describe, expect, it } from "vitest";
import { planTiles, type Tile } from "../src/index.ts";
import { completed, ordered } from "../src/internal.ts";

interface Gate<T> {
  readonly tile: Tile;
  readonly slot: number;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A submit function whose calls wait until the test opens their gate. */
function gated<T>() {
  const calls: Gate<T>[] = [];
  const submit = (tile: Tile, slot: number) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ tile, slot, resolve, reject });
    });
  return { calls, submit };
}

const tiles = (count: number) => planTiles("square", count, count, 1);
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("ordered", () => {
  it("starts `window` tiles, then one more per result pulled (back-pressure)", async () => {
    const { calls, submit } = gated<number>();
    const it = ordered(tiles(6), 2, submit, undefined)[Symbol.asyncIterator]();
    const first = it.next();
    await flush();
    expect(calls.map((c) => c.tile.index)).toEqual([0, 1]);
    calls[0]!.resolve(0);
    expect((await first).value).toBe(0);
    await flush();
    expect(calls).toHaveLength(2); // the consumer has not asked for the next result yet
    const second = it.next();
    await flush();
    expect(calls.map((c) => c.tile.index)).toEqual([0, 1, 2]);
    calls[1]!.resolve(1);
    expect((await second).value).toBe(1);
    calls[2]!.resolve(2); // return() waits for the tiles in flight
    await it.return(undefined);
  });

  it("yields in tile order whatever order the tiles finish in", async () => {
    const { calls, submit } = gated<number>();
    const out: number[] = [];
    const run = (async () => {
      for await (const r of ordered(tiles(5), 5, submit, undefined)) out.push(r);
    })();
    await flush();
    for (const k of [4, 2, 3, 0, 1]) calls[k]!.resolve(k);
    await run;
    expect(out).toEqual([0, 1, 2, 3, 4]);
  });

  it("hands slot `index % window` to a tile, so a slot is reused only after its result was pulled", async () => {
    const { calls, submit } = gated<number>();
    const run = (async () => {
      const seen: number[] = [];
      for await (const r of ordered(tiles(7), 3, submit, undefined)) seen.push(r);
      return seen;
    })();
    for (let k = 0; k < 7; k++) {
      await flush();
      calls[k]!.resolve(k);
    }
    expect(await run).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(calls.map((c) => c.slot)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it("surfaces a rejection in tile order and stops the workers before rethrowing", async () => {
    const { calls, submit } = gated<number>();
    let stopped = 0;
    const out: number[] = [];
    const run = (async () => {
      for await (const r of ordered(tiles(4), 4, submit, undefined, async () => {
        stopped++;
      }))
        out.push(r);
    })();
    await flush();
    calls[1]!.reject(new Error("tile 1 failed"));
    calls[0]!.resolve(0);
    await expect(run).rejects.toThrow("tile 1 failed");
    expect(out).toEqual([0]);
    expect(stopped).toBe(1);
  });

  it("an abort ends the wait at once with the signal's reason, and stops the workers", async () => {
    const { submit } = gated<number>();
    const controller = new AbortController();
    let stopped = 0;
    const run = (async () => {
      for await (const _ of ordered(tiles(3), 2, submit, controller.signal, async () => {
        stopped++;
      })) {
        // never reached: no tile finishes
      }
    })();
    await flush();
    controller.abort(new Error("stop now"));
    await expect(run).rejects.toThrow("stop now");
    expect(stopped).toBe(1);
  });

  it("when the consumer stops early, waits for the tiles in flight (their memory stays in use)", async () => {
    const { calls, submit } = gated<number>();
    const it = ordered(tiles(5), 3, submit, undefined)[Symbol.asyncIterator]();
    const first = it.next();
    await flush();
    calls[0]!.resolve(0);
    await first;
    let returned = false;
    const ret = it.return(undefined).then(() => {
      returned = true;
    });
    await flush();
    expect(returned).toBe(false); // tiles 1, 2 and 3 are still running
    for (const c of calls.slice(1)) c.resolve(c.tile.index);
    await ret;
    expect(returned).toBe(true);
  });
});

describe("completed", () => {
  it("yields results as they finish and starts the next tile at once, with slot 0", async () => {
    const { calls, submit } = gated<number>();
    const it = completed(tiles(4), 2, submit, undefined)[Symbol.asyncIterator]();
    const first = it.next();
    await flush();
    expect(calls.map((c) => c.tile.index)).toEqual([0, 1]);
    calls[1]!.resolve(1);
    expect((await first).value).toBe(1);
    expect(calls.map((c) => c.tile.index)).toEqual([0, 1, 2]); // started before the yield
    const second = it.next();
    calls[2]!.resolve(2);
    expect((await second).value).toBe(2);
    calls[0]!.resolve(0);
    expect((await it.next()).value).toBe(0);
    calls[3]!.resolve(3);
    expect((await it.next()).value).toBe(3);
    expect((await it.next()).done).toBe(true);
    expect(calls.every((c) => c.slot === 0)).toBe(true);
  });

  it("never has more than `window` tiles in flight", async () => {
    const { calls, submit } = gated<number>();
    let inFlight = 0;
    let most = 0;
    const counted = (tile: Tile, slot: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      return submit(tile, slot).finally(() => inFlight--);
    };
    const run = (async () => {
      let count = 0;
      for await (const _ of completed(tiles(9), 3, counted, undefined)) count++;
      return count;
    })();
    for (let k = 0; k < 9; k++) {
      await flush();
      calls[k]!.resolve(k);
    }
    expect(await run).toBe(9);
    expect(most).toBe(3);
  });

  it("a rejection stops the workers and is rethrown", async () => {
    const { calls, submit } = gated<number>();
    let stopped = 0;
    const run = (async () => {
      for await (const _ of completed(tiles(3), 3, submit, undefined, async () => {
        stopped++;
      })) {
        // no result arrives before the failure
      }
    })();
    await flush();
    calls[2]!.reject(new Error("worker crashed"));
    await expect(run).rejects.toThrow("worker crashed");
    expect(stopped).toBe(1);
  });
});
