// How long connecting may take is bounded by configuration, not measured: a socket timeout,
// no retry before the first connection, and one total budget, all well under the 5 s within
// which dmx must give up on an unreachable Redis. (The CLI fault tests show the exits.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CONNECT_BUDGET_MS,
  CONNECT_TIMEOUT_MS,
  connectionOptions,
  DISCONNECT_TIMEOUT_MS,
} from "../src/_connect.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-connect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("connection options", () => {
  it("bound giving up well under 5 s: socket timeout < budget, budget + close <= 3.5 s", () => {
    expect(CONNECT_TIMEOUT_MS).toBeGreaterThan(0);
    expect(CONNECT_TIMEOUT_MS).toBeLessThan(CONNECT_BUDGET_MS);
    // The rest of 5 s is for starting the process (~0.3 s) and printing one line.
    expect(CONNECT_BUDGET_MS + DISCONNECT_TIMEOUT_MS).toBeLessThanOrEqual(3500);
    const o = connectionOptions("t", "redis://127.0.0.1:1", () => false);
    expect(o.connectTimeout).toBe(CONNECT_TIMEOUT_MS);
    expect(o.disconnectTimeout).toBe(DISCONNECT_TIMEOUT_MS);
    expect(o.lazyConnect).toBe(true);
    expect(o.tls).toBeUndefined();
  });

  it("never retry before the first connection; after it, reconnect every 0.2 .. 2 s", () => {
    let ready = false;
    const { retryStrategy } = connectionOptions("t", "redis://127.0.0.1:1", () => ready);
    for (let times = 1; times <= 50; times++) expect(retryStrategy!(times)).toBeNull();
    ready = true;
    const delays = Array.from({ length: 50 }, (_, i) => retryStrategy!(i + 1) as number);
    expect(delays[0]).toBe(200);
    expect(Math.max(...delays)).toBe(2000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it("take a CA file for rediss:// only, and name an unreadable one", () => {
    const ca = join(dir, "ca.pem");
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n");
    const o = connectionOptions("t", "rediss://h:6380", () => false, { caFile: ca });
    expect(Buffer.isBuffer((o.tls as { ca: Buffer }).ca)).toBe(true);
    expect(() => connectionOptions("t", "redis://h:6379", () => false, { caFile: ca })).toThrow(
      /rediss:\/\/ \(TLS\) URLs only/,
    );
    const missing = join(dir, "nope.pem");
    expect(() => connectionOptions("t", "rediss://h", () => false, { caFile: missing })).toThrow(
      `cannot read the Redis CA file ${missing} (ENOENT)`,
    );
  });
});
