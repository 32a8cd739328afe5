// submitMatrix through a real redis-server and real workers gives the bytes of a local run,
// keeps Redis memory bounded, and survives malformed jobs. No mock Redis.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeMatrix } from "@dmx/executors";
import { type LocationTable, randomLocationTable } from "@dmx/geo";
import { redisCommand, redisServer, startRedis, type TestRedis } from "@dmx/test-redis";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, submitMatrix, type WorkerHandle } from "../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-cluster-"));

function withOddNames(table: LocationTable): LocationTable {
  const names = table.names.map((name, i) =>
    i % 7 === 0 ? `${name}, "quoted"` : i % 5 === 0 ? `Zürich ${i}` : name,
  );
  return { ...table, names };
}

describe.skipIf(!redisServer)("submitMatrix with real Redis and workers", () => {
  let redis: TestRedis;
  let worker: WorkerHandle;
  const origins = withOddNames(randomLocationTable(120, 7));
  const destinations = withOddNames(randomLocationTable(45, 8));

  beforeAll(async () => {
    redis = await startRedis();
    worker = await startWorker({ redis: redis.url, threads: 2 });
  });
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: "npy condensed float64", format: "npy" },
    { name: "npy square float32", format: "npy", square: true, dtype: "float32" },
    { name: "pairs with header, 3 digits", format: "pairs", header: true, precision: 3 },
    { name: "pairs, miles", format: "pairs", unit: "mi" },
    { name: "matrix", format: "matrix" },
    { name: "json, equirectangular", format: "json", metric: "equirectangular" },
    { name: "npy geodesic", format: "npy", metric: "geodesic" },
    { name: "pairs x destinations", format: "pairs", rect: true },
    { name: "npy x destinations", format: "npy", rect: true },
    { name: "json x destinations", format: "json", rect: true },
  ] as const;

  it.each(cases)("$name: the same bytes as a local run", async (c) => {
    const { name, rect, ...format } = c as typeof c & { rect?: boolean };
    const slug = name.replace(/\W+/g, "-");
    const local = join(dir, `local-${slug}`);
    const remote = join(dir, `remote-${slug}`);
    const common = { ...format, input: origins, destinations: rect ? destinations : undefined };
    await writeMatrix({ ...common, output: local, executor: "sequential" });
    const result = await submitMatrix({
      ...common,
      output: remote,
      redis: redis.url,
      tileValues: 500,
    });
    expect(result.runId).toMatch(/^[a-z0-9]+$/);
    expect(readFileSync(remote).equals(readFileSync(local))).toBe(true);
  });

  it("keeps Redis memory bounded by the window, not the output size", async () => {
    const places = randomLocationTable(1600, 3);
    const tileValues = 16_000; // 128 kB tiles
    const window = 4;
    const before = await redis.memory();
    await redisCommand(redis.port, ["CONFIG", "RESETSTAT"]);
    const output = join(dir, "big.npy");
    const result = await submitMatrix({
      input: places,
      output,
      format: "npy",
      redis: redis.url,
      tileValues,
      window,
    });
    const after = await redis.memory();
    const outputBytes = result.bytes;
    const peakGrowth = Number(after.used_memory_peak) - Number(before.used_memory);
    console.log(
      `redis used_memory ${before.used_memory} before, used_memory_peak ${after.used_memory_peak} after; output ${outputBytes} bytes`,
    );
    expect(outputBytes).toBeGreaterThan(10_000_000);
    // window × tile bytes plus the stored run and BullMQ's own keys, far below the output.
    expect(peakGrowth).toBeLessThan(window * tileValues * 8 + 3_000_000);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("tiles of over 1 MiB (each written, then its memory reused): the same bytes", async () => {
    // (After the memory test: Redis's used_memory_peak only grows.)
    // A large tile crosses Redis on the repository's patches of ioredis and redis-parser
    // (patches/): sent as parts, received into a buffer of its own, which the coordinator
    // hands back once written. Tiles of ~1.6-2.4 MB, of slightly different sizes.
    expect(typeof (globalThis as Record<symbol, unknown>)[Symbol.for("redis-parser.recycle")]).toBe(
      "function",
    );
    const places = randomLocationTable(1500, 17);
    for (const dtype of ["float64", "float32"] as const) {
      const local = join(dir, `big-local-${dtype}.npy`);
      const remote = join(dir, `big-remote-${dtype}.npy`);
      const common = { input: places, format: "npy", dtype } as const;
      await writeMatrix({ ...common, output: local, executor: "sequential" });
      await submitMatrix({
        ...common,
        output: remote,
        redis: redis.url,
        tileValues: dtype === "float64" ? 200_000 : 600_000,
      });
      expect(readFileSync(remote).equals(readFileSync(local))).toBe(true);
    }
  });

  it("fails malformed jobs one by one and goes on working", async () => {
    const queue = new Queue("tiles", {
      connection: new Redis(redis.url, { maxRetriesPerRequest: null }),
      prefix: "dmx",
    });
    const client = new Redis(redis.url);
    await client.set("dmx:run:badbytes1:job", Buffer.from("DMXRUN1\nnonsense"));
    const bad = [
      { id: "m1", data: "just a string" },
      { id: "m2", data: { run: 42, tile: 0 } },
      { id: "m3", data: { run: "nosuchrun", tile: 0 } },
      { id: "m4", data: { run: "badbytes1", tile: 0 } },
      { id: "m5", data: { run: "badbytes1", tile: -3 } },
    ];
    for (const b of bad) await queue.add("tile", b.data, { jobId: b.id, attempts: 1 });
    const reasons: Record<string, string> = {};
    for (const b of bad) {
      for (let i = 0; i < 200; i++) {
        const state = await queue.getJobState(b.id);
        if (state === "failed") {
          reasons[b.id] = (await queue.getJob(b.id))?.failedReason ?? "";
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(reasons.m1).toMatch(/malformed tile job: data is not an object/);
    expect(reasons.m2).toMatch(/malformed tile job: run is not a run id/);
    expect(reasons.m3).toMatch(/unknown run nosuchrun/);
    expect(reasons.m4).toMatch(/malformed run data/);
    expect(reasons.m5).toMatch(/malformed tile job: tile is not a tile index/);
    await queue.close();
    client.disconnect();
    // The worker is still there and still right.
    const local = join(dir, "after-local.csv");
    const remote = join(dir, "after-remote.csv");
    await writeMatrix({ input: origins, output: local, executor: "sequential" });
    await submitMatrix({ input: origins, output: remote, redis: redis.url, tileValues: 2000 });
    expect(readFileSync(remote).equals(readFileSync(local))).toBe(true);
  });

  it("a multi-megabyte reply leaves no timer that keeps a finished process alive", async () => {
    // ioredis's reply parser shrinks its buffer on an interval after a large reply; unpatched,
    // that interval held `dmx compute --cluster` open ~2 s after its work was done.
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const client = new Redis(redis.url);
    await client.set("dmx:test:big", Buffer.alloc(8 << 20, 7));
    const before = timers();
    const reply = await client.getdelBuffer("dmx:test:big");
    expect(reply?.length).toBe(8 << 20);
    expect(timers()).toBe(before);
    client.disconnect();
  });
});
