import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocationParseError } from "@dmx/geo";
import { afterAll, describe, expect, it } from "vitest";
import { writeMatrix } from "../src/index.ts";
import { memoryStream } from "./_helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-header-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const rest = "Paris,48.85,2.35\nTokyo,35.68,139.65\n";

describe("writeMatrix: the first row of a CSV input", () => {
  for (const executor of ["sequential", "async"] as const) {
    it(`${executor}: reports a skipped header in the result`, async () => {
      const input = csv(`h-${executor}.csv`, `name,lat,lng\n${rest}`);
      const result = await writeMatrix({ input, output: memoryStream(), executor });
      expect(result.origins).toBe(2);
      expect(result.skippedHeaders).toEqual([{ source: input, line: 1, text: "name,lat,lng" }]);
    });

    it(`${executor}: fails at line 1 on a first row that does not parse`, async () => {
      const input = csv(`bad-${executor}.csv`, `Boston,42.3x,-71.0y\n${rest}`);
      const run = writeMatrix({ input, output: memoryStream(), executor });
      await expect(run).rejects.toBeInstanceOf(LocationParseError);
      await expect(run).rejects.toThrow(`${input}:1:8: latitude "42.3x" is not a number`);
    });

    it(`${executor}: inputHeader true/false override the guess, for destinations too`, async () => {
      const input = csv(`forced-${executor}.csv`, `a,1,2\n${rest}`);
      const destinations = csv(`dest-${executor}.csv`, `x,3,4\n${rest}`);
      const forced = await writeMatrix({
        input,
        destinations,
        output: memoryStream(),
        executor,
        inputHeader: true,
      });
      expect([forced.origins, forced.destinations]).toEqual([2, 2]);
      expect(forced.skippedHeaders.map((h) => h.source).sort()).toEqual(
        [input, destinations].sort(),
      );
      const data = await writeMatrix({
        input,
        output: memoryStream(),
        executor,
        inputHeader: false,
      });
      expect([data.origins, data.skippedHeaders]).toEqual([3, []]);
    });
  }
});
