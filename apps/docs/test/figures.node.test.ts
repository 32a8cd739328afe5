// Every figure a page shows comes from data/<id>.json, written by the measure command. This
// reruns the real commands and compares their deterministic lines (digits, counts, orders) with
// what the pages show; timings are only ever regenerated, never compared.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runFigure } from "../scripts/_run.ts";
import { figures, runnableSamples, stableLines } from "../scripts/figures.ts";

const dataDir = fileURLToPath(new URL("../data/", import.meta.url));
const guideDir = fileURLToPath(new URL("../guide/", import.meta.url));
const recorded = (id: string) =>
  JSON.parse(readFileSync(`${dataDir}${id}.json`, "utf8")) as { command: string; output: string };
const pages = readdirSync(guideDir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => ({ file: f, text: readFileSync(`${guideDir}${f}`, "utf8") }));

describe("every figure has a data file and a page", () => {
  it.each(figures().map((f) => [f.id, f] as const))("%s", (id, figure) => {
    expect(
      existsSync(`${dataDir}${id}.json`),
      `run: pnpm --filter @dmx/docs run measure ${id}`,
    ).toBe(true);
    expect(recorded(id).command).toBe(figure.command);
    const shown = pages.filter((p) => p.text.includes(`<RunOutput id="${id}"`));
    expect(
      shown.map((p) => p.file),
      `${id} is on no page`,
    ).not.toEqual([]);
  });

  it("every sample a page includes shows its command's output right after it", () => {
    for (const { file, text } of pages) {
      for (const [, name] of text.matchAll(/^<<< @\/samples\/([\w/-]+)\.ts$/gm)) {
        if (!runnableSamples().includes(name!)) continue;
        expect(text, `${file}: ${name}`).toContain(
          `<<< @/samples/${name}.ts\n\n<RunOutput id="sample-${name!.replace("/", "-")}" />`,
        );
      }
    }
  });

  it("no page types a long run of digits by hand (they come from data files)", () => {
    for (const { file, text } of pages) expect(text.match(/\d\.\d{6,}/g) ?? [], file).toEqual([]);
  });
});

describe("the pages show what the commands print", () => {
  const checked = figures().filter((f) => !f.timingOnly);
  it.each(checked.map((f) => [f.id, f] as const))("%s", async (id, figure) => {
    const run = await runFigure(figure, 120);
    expect(run.exitCode, run.output).toBe(0);
    const page = stableLines(figure, recorded(id).output);
    expect(page.length, `${id}: nothing deterministic to compare`).toBeGreaterThan(0);
    expect(
      stableLines(figure, run.output),
      `${id}: the page (data/${id}.json) differs from what \`${figure.command}\` prints now; rerun pnpm --filter @dmx/docs run measure ${id}`,
    ).toEqual(page);
  });
});
