// Page 7's build-time reader for `dmx bench` output: present, absent, or broken files.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBench } from "../.vitepress/bench-read.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dmx-bench-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("readBench", () => {
  it("no files: no chart, no rows, no problem (the page shows its placeholder)", () => {
    expect(readBench(dir)).toEqual({
      chart: false,
      command: "",
      machine: "",
      rows: [],
      problem: "",
    });
  });

  it("reads the rows, the command and the machine of a dmx bench --json file", async () => {
    await writeFile(join(dir, "chart.svg"), "<svg/>");
    await writeFile(
      join(dir, "results.json"),
      JSON.stringify({
        command: "dmx bench --sizes 50",
        machine: {
          cpu: "Some CPU",
          cores: 2,
          runtime: "node v20.20.2",
          date: "2026-11-21T20:18:53.103Z",
        },
        results: [
          {
            executor: "sequential",
            n: 50,
            pairs: 1225,
            threads: 1,
            calcMs: 12.134954,
            nsPerPair: 9906.0857,
          },
        ],
      }),
    );
    expect(readBench(dir)).toEqual({
      chart: true,
      command: "dmx bench --sizes 50",
      machine: "Some CPU, 2 cores, node v20.20.2, 2026-11-21",
      rows: [
        {
          executor: "sequential",
          n: 50,
          pairs: 1225,
          threads: 1,
          calcMs: 12.13,
          nsPerPair: 9906.09,
        },
      ],
      problem: "",
    });
  });

  it.each([
    ["{ not json", /JSON/],
    ['{"results": 3}', /no "results" array/],
    ['{"results": [{"n": 1}]}', /results\[0\]\.executor is not a string/],
  ])("a broken results.json (%s) gives no rows and names the problem", async (text, problem) => {
    await writeFile(join(dir, "results.json"), text);
    const bench = readBench(dir);
    expect(bench.rows).toEqual([]);
    expect(bench.problem).toMatch(problem);
    expect(bench.problem).toContain("results.json");
  });
});
