// The playground in a real browser: the 3-city sample on the main thread and in Web Workers
// (@dmx/thread-pool's web backend, bundled by Vite), and the IoT timeline player.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, type Harness, OUTPUT, openPage, startHarness } from "./_browser.ts";

const run = browserAvailable();
let h: Harness;

beforeAll(async () => {
  if (run) h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.runIf(run)("playground", () => {
  it.each(["main", "workers"])(
    "computes the 3-city sample on %s and shows 2337.87 km",
    async (mode) => {
      const { page, errors } = await openPage(h);
      await page.goto(`${h.server.url}/playground.html`);
      const playground = page.getByTestId("playground");
      await playground.getByTestId("compute").waitFor();
      await playground.getByTestId("source").selectOption("sample");
      await playground.getByTestId("mode").selectOption(mode);
      await playground.getByTestId("compute").click();
      const pairs = playground.getByTestId("pairs");
      await pairs.waitFor({ timeout: 30_000 });
      const rows = await pairs.locator("tbody tr").allInnerTexts();
      // 2337.87 km is the workshop's number; the other two come from an independent Python haversine.
      expect(rows.map((r) => r.split("\t"))).toEqual([
        ["ann arbor", "pleasant grove", "2337.87 km"],
        ["ann arbor", "boston", "1041.03 km"],
        ["pleasant grove", "boston", "3369.80 km"],
      ]);
      const status = await playground.getByTestId("status").textContent();
      expect(status).toMatch(
        mode === "workers"
          ? /3 pairs of 3 places on \d+ Web Workers: [\d.]+ ms/
          : /3 pairs of 3 places on the main thread: [\d.]+ ms/,
      );
      expect(await playground.getByTestId("heatmap").locator("td").count()).toBe(9);
      await playground.screenshot({ path: `${OUTPUT}playground-${mode}.png` });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("is cross-origin isolated and computes the sample in shared memory", async () => {
    const { page, errors } = await openPage(h);
    const response = await page.goto(`${h.server.url}/playground.html`);
    expect(response?.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    expect(response?.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const playground = page.getByTestId("playground");
    await playground.getByTestId("compute").waitFor();
    await playground.getByTestId("source").selectOption("sample");
    await playground.getByTestId("mode").selectOption("shared");
    await playground.getByTestId("compute").click();
    const pairs = playground.getByTestId("pairs");
    await pairs.waitFor({ timeout: 30_000 });
    const rows = await pairs.locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t"))[0]).toEqual([
      "ann arbor",
      "pleasant grove",
      "2337.87 km",
    ]);
    expect(rows).toHaveLength(3);
    expect(await playground.getByTestId("status").textContent()).toMatch(
      /3 pairs of 3 places on \d+ Web Workers \+ SharedArrayBuffer: [\d.]+ ms; a 10 ms timer on the page stalled up to \d+ ms/,
    );
    await playground.screenshot({ path: `${OUTPUT}playground-shared.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("/guide/ redirects to the first lesson", async () => {
    const { page } = await openPage(h);
    await page.goto(`${h.server.url}/guide/`);
    await page.waitForURL(/\/guide\/1-concepts/);
    expect(await page.locator("h1").first().textContent()).toContain(
      "Parallel, concurrent, asynchronous",
    );
    await page.close();
  });

  it("reports a bad pasted CSV with its line and column, and computes nothing", async () => {
    const { page, errors } = await openPage(h);
    await page.goto(`${h.server.url}/playground.html`);
    const playground = page.getByTestId("playground");
    await playground
      .getByTestId("csv")
      .fill("name,latitude,longitude\nboston,42.36,-71.06\nnowhere,91,0\n");
    await playground.getByTestId("compute").click();
    const status = playground.getByTestId("status");
    await expect.poll(() => status.getAttribute("class")).toBe("dmx-error");
    expect(await status.textContent()).toMatch(/your CSV.*3/);
    expect(await playground.getByTestId("pairs").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
