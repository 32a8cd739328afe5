// `dmx worker` and `dmx compute --cluster` as a user runs them, against a real redis-server:
// a worker SIGKILLed mid-tile, no worker, the coordinator killed and resumed, Redis
// unreachable or refusing the password, Redis restarted mid-run, Ctrl-C. No mock Redis.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, redisCommand, redisServer, startRedis, type TestRedis } from "@dmx/test-redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";
import {
  placesCsv,
  type Started,
  startDmx,
  startWorkerProcess,
  tileLines,
  until,
} from "./_cluster.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-cluster-cli-"));
const started: Started[] = [];
const worker = (url: string, extra: readonly string[] = []) => {
  const w = startWorkerProcess(url, extra);
  started.push(w);
  return w;
};
const dmx = (args: readonly string[]) => {
  const p = startDmx(args);
  started.push(p);
  return p;
};
const stopAll = async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await p.exited;
  }
};
/** `dmx compute --cluster` and `dmx worker --redis` against a loopback port. */
const bothCommands = (input: string, output: string, port: number) => [
  ["compute", input, "-o", join(dir, output), "--cluster", `redis://127.0.0.1:${port}`],
  ["worker", "--redis", `redis://127.0.0.1:${port}`],
];
const leftovers = (prefix: string) => readdirSync(dir).filter((f) => f.startsWith(prefix));
const waiting = async (port: number) =>
  Number((await redisCommand(port, ["LLEN", "dmx:tiles:wait"])).slice(1));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!redisServer)("dmx compute --cluster with real Redis and dmx workers", () => {
  let redis: TestRedis;
  let input: string;
  let reference: string;
  const geodesic = ["--metric", "geodesic", "--format", "npy"];

  beforeAll(async () => {
    await buildCliIfMissing();
    redis = await startRedis();
    input = placesCsv(dir, "places.csv", 900);
    reference = join(dir, "local.npy");
    const local = await runCli(["compute", input, ...geodesic, "-o", reference, "--quiet"]);
    expect(local.code).toBe(0);
  });
  afterAll(async () => {
    await stopAll();
    await redis?.stop();
  });

  it("3 workers, one SIGKILLed mid-tile: its tile goes to another, output byte-identical", async () => {
    const victim = worker(redis.url, ["--concurrency", "1"]);
    await until(() => victim.stderr().includes("ready"), "the first worker");
    const out = join(dir, "killed.npy");
    const compute = dmx([
      "compute",
      input,
      ...geodesic,
      "-o",
      out,
      "--cluster",
      redis.url,
      "--tile-values",
      "20000",
    ]);
    // The victim is the only worker: once a job is active, it is the victim's, mid-tile.
    await until(
      async () => (await redisCommand(redis.port, ["LLEN", "dmx:tiles:active"])) !== ":0\r\n",
      "an active tile",
    );
    victim.child.kill("SIGKILL");
    await victim.exited;
    const others = [worker(redis.url), worker(redis.url)];
    const { code } = await compute.exited;
    expect(compute.stderr()).toMatch(/Wrote .*killed\.npy/);
    // Progress on stderr: tiles done/total, pairs/s, workers seen, ETA.
    expect(compute.stderr()).toMatch(/\d+\/\d+ tiles, [\d,]+ pairs\/s, \d+ workers? seen, ETA /);
    expect(code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(reference))).toBe(true);
    // Every tile was computed by someone; the victim's unfinished one by another worker.
    const lines = [victim, ...others].flatMap((w) => tileLines(w.stderr()));
    const tiles = lines[0]!.tiles;
    expect(new Set(lines.map((l) => l.tile)).size).toBe(tiles);
    expect(others.flatMap((w) => tileLines(w.stderr())).length).toBeGreaterThan(0);
    // SIGTERM: the workers finish what they hold and exit 0.
    for (const w of others) w.child.kill("SIGTERM");
    for (const w of others) expect((await w.exited).code).toBe(0);
    expect(others[0]!.stderr()).toMatch(/stopped after \d+ tiles/);
  });

  it("the coordinator killed, then --resume RUN_ID: tiles still in Redis are not recomputed", async () => {
    const w = worker(redis.url);
    const out = join(dir, "resumed.npy");
    const args = [
      "compute",
      input,
      ...geodesic,
      "-o",
      out,
      "--cluster",
      redis.url,
      "--tile-values",
      "12000",
    ];
    const first = dmx(args);
    await until(() => tileLines(w.stderr()).length >= 4, "four tiles");
    first.child.kill("SIGKILL");
    await first.exited;
    const runId = /cluster run ([a-z0-9]+)/.exec(first.stderr())![1]!;
    // The worker finishes the tiles that were queued; they wait in Redis.
    await until(async () => (await waiting(redis.port)) === 0, "the queue to drain");
    await until(
      async () => (await redisCommand(redis.port, ["LLEN", "dmx:tiles:active"])) === ":0\r\n",
      "idle",
    );
    const before = tileLines(w.stderr()).length;
    const second = dmx([...args, "--resume", runId]);
    const { code } = await second.exited;
    expect(code).toBe(0);
    const resumed = Number(/resumed: (\d+) tiles/.exec(second.stderr())?.[1] ?? 0);
    const tiles = tileLines(w.stderr())[0]!.tiles;
    expect(resumed).toBeGreaterThan(0);
    expect(tileLines(w.stderr()).length - before).toBe(tiles - resumed);
    expect(readFileSync(out).equals(readFileSync(reference))).toBe(true);
    // The killed coordinator's temp file is removed by the rerun, which says so.
    expect(second.stderr()).toMatch(/removed .*\.resumed\.npy\..*\.tmp: a temp file left by a run/);
    expect(readdirSync(dir).filter((f) => f.startsWith(".resumed.npy."))).toEqual([]);
    w.child.kill("SIGTERM");
    expect((await w.exited).code).toBe(0);
  });

  it("no worker: says so within seconds, and --timeout ends the run with exit 1, no file", async () => {
    const out = join(dir, "noworker.npy");
    const r = await runCli(
      ["compute", input, "-o", out, "--cluster", redis.url, "--timeout", "3"],
      {
        timeoutMs: 60_000,
      },
    );
    expect(r.stderr).toContain(`waiting for workers: none seen on redis://127.0.0.1:${redis.port}`);
    expect(r.stderr).toMatch(/no worker seen on .* for 3 s; no output written/);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(leftovers("noworker")).toEqual([]);
    expect(await waiting(redis.port)).toBe(0); // its queued tiles were taken back
  });

  it("Ctrl-C cancels the run's queued tiles and leaves no output file", async () => {
    const out = join(dir, "interrupted.npy");
    const p = dmx(["compute", input, "-o", out, "--cluster", redis.url]);
    await until(() => p.stderr().includes("cluster run"), "the run to start");
    await until(async () => (await waiting(redis.port)) > 0, "queued tiles");
    p.child.kill("SIGINT");
    const { code } = await p.exited;
    expect(p.stderr()).toMatch(/interrupted; no output written .*--resume [a-z0-9]+/);
    expect(code).toBe(130);
    expect(leftovers("interrupted")).toEqual([]);
    expect(await waiting(redis.port)).toBe(0);
  });

  it("Redis restarted mid-run (no persistence): exit 1, one line, no partial file", async () => {
    const w = worker(redis.url);
    const out = join(dir, "restarted.npy");
    const p = dmx([
      "compute",
      input,
      ...geodesic,
      "-o",
      out,
      "--cluster",
      redis.url,
      "--tile-values",
      "8000",
    ]);
    await until(() => tileLines(w.stderr()).length >= 2, "two tiles");
    await redis.restart();
    const { code } = await p.exited;
    expect(p.stderr()).toMatch(/lost run [a-z0-9]+ \(restarted without persistence/);
    expect(code).toBe(1);
    expect(leftovers("restarted")).toEqual([]);
    // The worker lived through it and still stops cleanly.
    w.child.kill("SIGTERM");
    expect((await w.exited).code).toBe(0);
  });
});

describe.skipIf(!redisServer)("Redis unreachable or refusing the password", () => {
  let locked: TestRedis;
  const secret = "correct-horse-battery";
  beforeAll(async () => {
    await buildCliIfMissing();
    locked = await startRedis(secret);
  });
  afterAll(async () => {
    await locked?.stop();
  });

  it("nothing listening: exit 1 with one line", async () => {
    const port = await freePort();
    const input = placesCsv(dir, "tiny.csv", 20);
    for (const args of bothCommands(input, "down.csv", port)) {
      const r = await runCli(args, { timeoutMs: 30_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `^dmx (compute|worker): cannot reach Redis at redis://127.0.0.1:${port}: connection refused`,
        ),
      );
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(leftovers("down")).toEqual([]);
  });

  it("an address that accepts and never answers: exit 1 with one line", async () => {
    // A blackhole: the TCP connection opens, no byte ever comes back. Only the connect
    // budget (asserted as configuration in @dmx/cluster's tests) ends the wait.
    const sockets: Socket[] = [];
    const hole = createServer((s) => sockets.push(s.on("error", () => {})));
    await new Promise<void>((r) => hole.listen(0, "127.0.0.1", r));
    const { port } = hole.address() as { port: number };
    try {
      const input = placesCsv(dir, "tiny3.csv", 20);
      for (const args of bothCommands(input, "hole.csv", port)) {
        const r = await runCli(args, { timeoutMs: 30_000 });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          new RegExp(
            `^dmx (compute|worker): cannot reach Redis at redis://127.0.0.1:${port}: no answer within 3 s(; no output written)?\n$`,
          ),
        );
      }
      expect(sockets.length).toBeGreaterThanOrEqual(2);
      expect(leftovers("hole")).toEqual([]);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hole.close(r));
    }
  });

  it("a wrong password: exit 1, one line, the password never printed", async () => {
    const input = placesCsv(dir, "tiny2.csv", 20);
    const wrong = "not-the-password-42";
    const url = `redis://:${wrong}@127.0.0.1:${locked.port}`;
    for (const args of [
      ["compute", input, "-o", join(dir, "auth.csv"), "--cluster", url],
      ["worker", "--redis", url],
    ]) {
      const r = await runCli(args, { timeoutMs: 30_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `Redis at redis://:***@127.0.0.1:${locked.port} refused the password`,
      );
      expect(r.stderr).not.toContain(wrong);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    const none = await runCli(["worker", "--redis", `redis://127.0.0.1:${locked.port}`], {
      timeoutMs: 30_000,
    });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/needs a password/);
    expect(leftovers("auth")).toEqual([]);
  });
});

describe.skipIf(!redisServer)("dmx worker stopped while Redis is gone", () => {
  afterAll(stopAll);

  it("SIGTERM: it gives up on Redis after 5 s, says so, and exits 130 (it used to hang)", async () => {
    await buildCliIfMissing();
    const redis = await startRedis();
    const w = worker(redis.url);
    await until(() => w.stderr().includes(" ready on "), "the worker ready");
    await redis.stop();
    // Reconnecting fails every 0.2-2 s; the error is said once, not once per attempt.
    await new Promise((r) => setTimeout(r, 4000));
    w.child.kill("SIGTERM");
    const { code } = await w.exited;
    expect(code).toBe(130);
    const refused = w.stderr().match(/ECONNREFUSED/g) ?? [];
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(2);
    expect(w.stderr()).toMatch(
      /no Redis for 5 s: stopping without finishing the tiles in hand \(other workers take them/,
    );
    expect(w.stderr()).toMatch(/stopped after 0 tiles/);
  });

  it("Redis back after an outage: the worker says so once, and goes on", async () => {
    const redis = await startRedis();
    const w = worker(redis.url);
    await until(() => w.stderr().includes(" ready on "), "the worker ready");
    await redis.stop();
    await until(() => /ECONNREFUSED|Connection is closed/.test(w.stderr()), "the error said");
    await redis.restart();
    await until(() => w.stderr().includes("reachable again"), "Redis reachable again");
    expect(w.stderr().match(/reachable again/g)).toHaveLength(1);
    w.child.kill("SIGTERM");
    expect((await w.exited).code).toBe(0);
    await redis.stop();
  });
});
