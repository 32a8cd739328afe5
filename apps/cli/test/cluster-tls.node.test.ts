// `rediss://` end to end: a real redis-server serving TLS only, with a throwaway CA and
// server certificate made by openssl; `dmx worker` and `dmx compute --cluster` reach it
// with the CA given by `--redis-ca FILE` or by NODE_EXTRA_CA_CERTS, and give the bytes of a
// local run. Skipped with a note without redis-server or openssl (required when CI is set).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  makeTlsFiles,
  redisServer,
  startRedis,
  type TestRedis,
  type TlsFiles,
} from "@dmx/test-redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";
import { placesCsv, type Started, startWorkerProcess, until } from "./_cluster.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-cluster-tls-"));
const tls: TlsFiles | undefined = redisServer ? makeTlsFiles(dir) : undefined;

describe.skipIf(!redisServer || !tls)("rediss:// (TLS) with a private CA", () => {
  let redis: TestRedis;
  let input: string;
  let reference: Buffer;
  const workers: Started[] = [];

  beforeAll(async () => {
    await buildCliIfMissing();
    redis = await startRedis(undefined, tls);
    input = placesCsv(dir, "places.csv", 300);
    const local = join(dir, "local.npy");
    expect((await runCli(["compute", input, "--format", "npy", "-o", local, "--quiet"])).code).toBe(
      0,
    );
    reference = readFileSync(local);
  });
  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null) w.child.kill("SIGKILL");
      await w.exited;
    }
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves TLS only: the URL is rediss://", () => {
    expect(redis.url).toMatch(/^rediss:\/\/127\.0\.0\.1:\d+$/);
  });

  it("without the CA: exit 1, one line that says how to give it", async () => {
    for (const args of [
      ["compute", input, "-o", join(dir, "no-ca.npy"), "--cluster", redis.url],
      ["worker", "--redis", redis.url],
    ]) {
      const r = await runCli(args, { timeoutMs: 30_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/its TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
      expect(r.stderr).toContain("--redis-ca FILE");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("--redis-ca FILE on the worker and the coordinator: the bytes of a local run", async () => {
    const w = startWorkerProcess(redis.url, ["--redis-ca", tls!.ca]);
    workers.push(w);
    await until(() => w.stderr().includes("ready on rediss://"), "the TLS worker to start");
    const out = join(dir, "flag.npy");
    const r = await runCli(
      [
        "compute",
        input,
        "--format",
        "npy",
        "-o",
        out,
        "--cluster",
        redis.url,
        "--redis-ca",
        tls!.ca,
      ],
      { timeoutMs: 120_000 },
    );
    expect(r.stderr, r.stderr).toMatch(/tiles, .* 1 worker seen/);
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(reference)).toBe(true);
    expect(w.stderr()).toMatch(/run [a-z0-9]+ tile 1\//);
  });

  it("NODE_EXTRA_CA_CERTS instead of the flag: the same bytes", async () => {
    const out = join(dir, "env.npy");
    const r = await runCli(
      ["compute", input, "--format", "npy", "-o", out, "--cluster", redis.url],
      {
        env: { NODE_EXTRA_CA_CERTS: tls!.ca },
        timeoutMs: 120_000,
      },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(reference)).toBe(true);
  });

  it("--redis-ca with a plain redis:// URL is a usage error", async () => {
    const plain = redis.url.replace("rediss://", "redis://");
    const r = await runCli(["compute", input, "--cluster", plain, "--redis-ca", tls!.ca]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--redis-ca applies to rediss:// (TLS) URLs only");
  });
});
