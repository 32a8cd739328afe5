import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openFileSink } from "../src/internal.ts";
import { writeFully } from "../src/kernel/_file-tile.ts";
import { earlyWriteback } from "../src/output/_writeback.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-writeback-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `length` bytes that differ from chunk to chunk, so a misplaced chunk shows. */
function chunk(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 255);
}

describe("early writeback of file sinks", () => {
  it("starts syncing before commit once enough is written, and the file is exact", async () => {
    const path = join(dir, "early.bin");
    const sink = await openFileSink(path, { writebackBytes: 4096 });
    const parts = Array.from({ length: 12 }, (_, k) => chunk(1500, k));
    // Sequential writes, then a positional write and a write through the descriptor (as a
    // worker thread does), each counted.
    for (const part of parts.slice(0, 8)) await sink.write(part);
    expect(sink.writebackStarted).toBeGreaterThanOrEqual(4096);
    await sink.writeAt(parts[8]!, 8 * 1500);
    writeFully(sink.fd, parts[9]!, 9 * 1500);
    sink.wrote(1500);
    await sink.writeAt(parts[10]!, 10 * 1500);
    await sink.writeAt(parts[11]!, 11 * 1500);
    expect(sink.writebackStarted).toBeLessThanOrEqual(12 * 1500);
    await sink.commit();
    expect(Buffer.compare(readFileSync(path), Buffer.concat(parts))).toBe(0);
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("writebackBytes 0 syncs only at commit", async () => {
    const path = join(dir, "late.bin");
    const sink = await openFileSink(path, { writebackBytes: 0 });
    for (let k = 0; k < 8; k++) await sink.write(chunk(4096, k));
    sink.wrote(1 << 20);
    expect(sink.writebackStarted).toBe(0);
    await sink.commit();
    expect(readFileSync(path).length).toBe(8 * 4096);
  });

  it("below the threshold nothing starts early", async () => {
    const path = join(dir, "small.bin");
    const sink = await openFileSink(path);
    await sink.write(chunk(1000, 1));
    expect(sink.writebackStarted).toBe(0);
    await sink.commit();
    expect(readFileSync(path).length).toBe(1000);
  });

  it("abort with a background sync in flight leaves the previous file and no temp file", async () => {
    const path = join(dir, "aborted.bin");
    writeFileSync(path, "previous");
    const sink = await openFileSink(path, { writebackBytes: 1 });
    const writes = [];
    for (let k = 0; k < 4; k++) writes.push(sink.write(chunk(2048, k)));
    await Promise.all(writes);
    expect(sink.writebackStarted).toBeGreaterThan(0);
    await sink.abort();
    expect(readFileSync(path, "utf8")).toBe("previous");
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    expect(existsSync(path)).toBe(true);
  });

  it("keeps a failed background sync and throws it from settle (never dropped)", async () => {
    // A closed handle: its datasync rejects, as a sync that meets a disk error does.
    const handle = await open(join(dir, "failed.bin"), "w");
    await handle.close();
    const writeback = earlyWriteback(handle, 10);
    writeback.note(11);
    expect(writeback.started).toBe(11);
    await expect(writeback.settle()).rejects.toThrow();
    // The error stays: a later settle (the commit's) still throws.
    await expect(writeback.settle()).rejects.toThrow();
  });
});
