import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomLocationTable } from "@dmx/geo";
import { afterAll, describe, expect, it } from "vitest";
import { writeMatrix } from "../src/index.ts";
import { AUTO_SHARED_PAIRS, AUTO_SHARED_TEXT_PAIRS, autoExecutor } from "../src/internal.ts";

const dir = mkdtempSync(join(tmpdir(), "dmx-executors-auto-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('"auto"', () => {
  it("text needs more pairs than numbers before it is worth starting workers", () => {
    expect(AUTO_SHARED_TEXT_PAIRS).toBeGreaterThan(AUTO_SHARED_PAIRS);
    const between = (AUTO_SHARED_PAIRS + AUTO_SHARED_TEXT_PAIRS) / 2;
    expect(autoExecutor(between, 2)).toBe("shared");
    expect(autoExecutor(between, 2, true)).toBe("sequential");
    expect(autoExecutor(AUTO_SHARED_TEXT_PAIRS, 2, true)).toBe("shared");
    expect(autoExecutor(AUTO_SHARED_PAIRS - 1, 2)).toBe("sequential");
    expect(autoExecutor(10 * AUTO_SHARED_TEXT_PAIRS, 1, true)).toBe("sequential");
  });

  it("writeMatrix from a file: 1,000 places run sequentially to CSV, on workers to npy", async () => {
    const places = randomLocationTable(1000, 7);
    const input = join(dir, "places.csv");
    const rows = places.names.map((name, i) => `${name},${places.lat[i]},${places.lon[i]}`);
    writeFileSync(input, `name,latitude,longitude\n${rows.join("\n")}\n`);
    const csv = await writeMatrix({ input, output: join(dir, "out.csv"), threads: 2 });
    expect(csv.values).toBe(499_500);
    expect(csv.executor).toBe("sequential");
    const npy = await writeMatrix({
      input,
      output: join(dir, "out.npy"),
      format: "npy",
      threads: 2,
    });
    expect(npy.executor).toBe("shared");
  });
});
