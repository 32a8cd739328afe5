// Bad usage of the cluster flags: exit 2 with one line, before anything connects.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCliIfMissing, runCli } from "./_cli.ts";
import { sample } from "./_compute.ts";

beforeAll(buildCliIfMissing, 120_000);

describe("cluster flags: bad usage", () => {
  it.each([
    [["compute", sample, "--resume", "abcd1234"], "--resume applies with --cluster only"],
    [["compute", sample, "--timeout", "5"], "--timeout applies with --cluster only"],
    [
      ["compute", sample, "--cluster", "redis://127.0.0.1:1", "--executor", "shared"],
      "--executor does not apply with --cluster",
    ],
    [
      ["compute", sample, "--cluster", "redis://127.0.0.1:1", "--timeout", "soon"],
      '--timeout must be a number above 0, up to 31536000; got "soon"',
    ],
    [
      ["compute", sample, "--cluster", "redis://127.0.0.1:1", "--resume", "../x"],
      "--resume takes the run id",
    ],
    [
      ["compute", sample, "--cluster", "http://127.0.0.1:1"],
      "must start with redis:// or rediss://",
    ],
    [["worker"], "--redis URL is required"],
    [
      ["worker", "--redis", "redis://x", "--concurrency", "0"],
      '--concurrency must be an integer from 1 to 64; got "0"',
    ],
  ])("dmx %j", async (args, message) => {
    const r = await runCli(args);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.code).toBe(2);
  });
});
