// The repository patches two dependencies of this package so that multi-megabyte tile results
// are not copied into fresh memory once more (patches/): ioredis writes a command whose Buffer
// arguments hold at least 1 MiB as its parts, corked (a SET of a tile), and redis-parser gives
// a bulk reply of at least 1 MiB a buffer of its own (a GETDEL of a tile). These tests hold
// both patches to what the unpatched code did: every byte in place, replies in order.

import { mulberry32 } from "@dmx/random";
import { redisServer, startRedis, type TestRedis } from "@dmx/test-redis";
import fc from "fast-check";
import { Redis } from "ioredis";
import Parser from "redis-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MiB = 1024 * 1024;

/** `size` random bytes of a seed (a slip of one byte shows). */
function pattern(size: number, seed: number): Buffer {
  const random = mulberry32(seed);
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = (random() * 256) | 0;
  return b;
}

/** Feeds `wire` to a redis-parser in the given pieces; returns the replies. */
function parseInPieces(wire: Buffer, cuts: number[]): unknown[] {
  const replies: unknown[] = [];
  const parser = new Parser({
    returnBuffers: true,
    returnReply: (reply: unknown) => replies.push(reply),
    returnError: (error: Error) => {
      throw error;
    },
  });
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < wire.length)].sort((a, b) => a - b)) {
    if (cut > at) parser.execute(wire.subarray(at, cut));
    at = Math.max(at, cut);
  }
  parser.execute(wire.subarray(at));
  return replies;
}

describe("redis-parser (patched): large bulk replies", () => {
  const sizes = [MiB - 1, MiB, MiB + 1, 3 * MiB + 7];

  it("returns each reply's exact bytes, however the socket cuts the stream", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sizes),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (size, rawCuts, cutAtTail) => {
          const a = pattern(size, size);
          const b = pattern(1000, 7);
          const wire = Buffer.concat([
            Buffer.from(`$${size}\r\n`),
            a,
            Buffer.from("\r\n$1000\r\n"),
            b,
            Buffer.from("\r\n+OK\r\n"),
          ]);
          const end = size + String(size).length + 3; // just after a's data
          // Cuts anywhere, and (the edge the patch must keep) inside or just after a's "\r\n".
          const cuts = rawCuts.map((c) => c % wire.length);
          if (cutAtTail) cuts.push(end, end + 1, end + 2);
          const replies = parseInPieces(wire, cuts);
          expect(replies).toHaveLength(3);
          expect(Buffer.compare(replies[0] as Buffer, a)).toBe(0);
          expect(Buffer.compare(replies[1] as Buffer, b)).toBe(0);
          expect(String(replies[2])).toBe("OK");
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a large reply owns its buffer: a later reply does not overwrite it", () => {
    const a = pattern(2 * MiB, 1);
    const b = pattern(2 * MiB, 2);
    const frame = (x: Buffer) =>
      Buffer.concat([Buffer.from(`$${x.length}\r\n`), x, Buffer.from("\r\n")]);
    const wire = Buffer.concat([frame(a), frame(b)]);
    const cuts = Array.from({ length: Math.ceil(wire.length / 65536) }, (_, i) => i * 65536);
    const [ra, rb] = parseInPieces(wire, cuts) as Buffer[];
    expect(Buffer.compare(ra!, a)).toBe(0);
    expect(Buffer.compare(rb!, b)).toBe(0);
  });
});

describe.skipIf(!redisServer)("ioredis (patched) with a real redis-server: large values", () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it("SET then GETDEL gives every value back, byte for byte, around the 1 MiB line", async () => {
    const sizes = [MiB - 1, MiB, MiB + 1, 5 * MiB + 3, 16 * MiB];
    for (const [i, size] of sizes.entries()) {
      const value = pattern(size, i + 1);
      expect(await client.set(`v${i}`, value, "PX", 60_000)).toBe("OK");
      expect(await client.strlen(`v${i}`)).toBe(size);
      const back = await client.getdelBuffer(`v${i}`);
      expect(back?.length).toBe(size);
      expect(Buffer.compare(back!, value)).toBe(0);
    }
  });

  it("keeps commands in order when large and small ones are sent without waiting", async () => {
    const big = [pattern(2 * MiB, 11), pattern(3 * MiB + 1, 12), pattern(MiB, 13)];
    // Not awaited in between: each large SET is written as parts while other commands queue.
    const sent = [
      client.set("o0", big[0]!),
      client.set("s0", "small-0"),
      client.set("o1", big[1]!),
      client.incr("n"),
      client.set("o2", big[2]!),
      client.append("s0", "+1"),
    ];
    expect(await Promise.all(sent)).toEqual(["OK", "OK", "OK", 1, "OK", 9]);
    const got = await Promise.all([
      client.getBuffer("o0"),
      client.get("s0"),
      client.getBuffer("o1"),
      client.getBuffer("o2"),
    ]);
    expect(Buffer.compare(got[0] as Buffer, big[0]!)).toBe(0);
    expect(got[1]).toBe("small-0+1");
    expect(Buffer.compare(got[2] as Buffer, big[1]!)).toBe(0);
    expect(Buffer.compare(got[3] as Buffer, big[2]!)).toBe(0);
  });

  it("a large value inside a MULTI (a pipeline: written whole, as before) is intact", async () => {
    const value = pattern(2 * MiB + 5, 21);
    const r = await client.multi().set("m", value).strlen("m").exec();
    expect(r).toEqual([
      [null, "OK"],
      [null, value.length],
    ]);
    expect(Buffer.compare((await client.getBuffer("m"))!, value)).toBe(0);
  });
});

describe("redis-parser (patched): memory handed back", () => {
  const recycle = (globalThis as Record<symbol, unknown>)[Symbol.for("redis-parser.recycle")] as (
    b: Buffer,
  ) => void;
  const frame = (x: Buffer) =>
    Buffer.concat([Buffer.from(`$${x.length}\r\n`), x, Buffer.from("\r\n")]);
  const inChunks = (wire: Buffer) =>
    Array.from({ length: Math.ceil(wire.length / 65536) }, (_, i) => i * 65536);
  const reply = (x: Buffer) => {
    const wire = frame(x);
    return parseInPieces(wire, inChunks(wire))[0] as Buffer;
  };

  it("the next large reply reuses a handed-back reply's memory, with its own bytes", () => {
    expect(typeof recycle).toBe("function");
    const first = reply(pattern(2 * MiB, 31));
    const memory = first.buffer;
    recycle(first);
    const next = pattern(2 * MiB - 4096, 32); // a little smaller: fits the same memory
    const second = reply(next);
    expect(second.buffer).toBe(memory);
    expect(second.length).toBe(next.length);
    expect(Buffer.compare(second, next)).toBe(0);
    recycle(second);
  });

  it("ignores buffers it did not hand out, and a second hand-back of the same reply", () => {
    const stranger = Buffer.alloc(4 * MiB);
    recycle(stranger);
    const a = reply(pattern(3 * MiB, 41));
    expect(a.buffer).not.toBe(stranger.buffer);
    recycle(a);
    recycle(a); // twice: must not give the same memory to two replies
    const b = reply(pattern(3 * MiB, 42));
    const c = reply(pattern(3 * MiB, 43));
    expect(b.buffer).not.toBe(c.buffer);
    expect(Buffer.compare(b, pattern(3 * MiB, 42))).toBe(0);
    expect(Buffer.compare(c, pattern(3 * MiB, 43))).toBe(0);
  });
});
