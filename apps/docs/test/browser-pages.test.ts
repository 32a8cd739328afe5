// Every page of the built site renders in Chromium without console errors, and the IoT player
// runs both classic programs.
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

const GUIDE = [
  ["1-concepts", "1. Parallel, concurrent, asynchronous"],
  ["2-workers", "2. Worker threads and pools"],
  ["3-event-loop", "3. The event loop"],
  ["4-promises", "4. Promises and async/await"],
  ["5-async-pipeline", "5. The async pipeline"],
  ["6-processes", "6. Processes vs workers"],
  ["7-performance", "7. Performance: prove it"],
  ["how-dmx-got-fast", "How dmx got fast"],
] as const;

describe.runIf(run)("guide pages", () => {
  it.each(GUIDE)(
    "%s renders its title and code samples without console errors",
    async (slug, title) => {
      const { page, errors } = await openPage(h);
      const response = await page.goto(`${h.server.url}/guide/${slug}.html`);
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator("main h1").first().textContent()).toContain(title);
      // Samples are included with <<< @/samples/...: a missing file would render as an error text.
      const code = await page.locator("main div[class*='language-']").allTextContents();
      expect(code.length).toBeGreaterThan(0);
      expect(code.join("\n")).not.toMatch(/File not found|Code snippet path not found/i);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${OUTPUT}guide-${slug}.png`, fullPage: false });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("page 2 shows both speed-up tables, and at 1280 px every bench column is in view", async () => {
    const { page, errors } = await openPage(h);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${h.server.url}/guide/2-workers.html`);
    for (const set of ["geodesic", "haversine"]) {
      const table = page.getByTestId(`speedup-${set}`);
      await table.waitFor();
      expect(await table.locator("tbody tr").count(), set).toBeGreaterThan(0);
      expect(await table.locator("th").last().textContent()).toBe("workers pay from");
    }
    // The bench table's last column header must be visible without scrolling its block.
    const block = page.locator('[data-figure="bench-haversine"] div[class*="language-text"] pre');
    const fits = await block.evaluate((pre) => {
      const text = pre.textContent ?? "";
      const line = text.split("\n").find((l) => l.includes("vs sequential")) ?? "";
      const range = document.createRange();
      const node = pre.querySelector("code")!.firstChild!;
      const start = text.indexOf(line) + line.indexOf("vs sequential");
      range.setStart(node, start);
      range.setEnd(node, start + "vs sequential".length);
      return range.getBoundingClientRect().right <= pre.getBoundingClientRect().right;
    });
    expect(fits).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("page 7 shows the bench chart, or the note saying how to produce it", async () => {
    const { page, errors } = await openPage(h);
    await page.goto(`${h.server.url}/guide/7-performance.html`);
    const bench = page.getByTestId("bench");
    await bench.waitFor();
    const hasChart = (await bench.locator("img").count()) > 0;
    if (hasChart) {
      await expect
        .poll(() => bench.locator("img").evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
    } else {
      expect(await bench.textContent()).toContain("No benchmark results in this build");
    }
    await bench.screenshot({ path: `${OUTPUT}bench-section.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the home page and the API reference render", async () => {
    const { page, errors } = await openPage(h);
    await page.goto(`${h.server.url}/`);
    await expect.poll(() => page.locator(".VPHero .name").textContent()).toContain("dmx");
    for (const pkg of ["geo", "thread-pool", "executors", "device-sim"]) {
      await page.goto(`${h.server.url}/api/${pkg}/`);
      await expect
        .poll(() => page.locator("main h1").first().textContent())
        .toContain(`@dmx/${pkg}`);
    }
    await page.screenshot({ path: `${OUTPUT}api-device-sim.png` });
    // A generated function page carries the function's TSDoc.
    await page.goto(`${h.server.url}/api/geo/functions/haversine.html`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Great-circle distance");
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Opens the playground, sets up the IoT player (`fill` sets the number inputs) and presses play. */
async function playIot(
  program: "sleep" | "wake-up",
  clock: "virtual" | "real",
  fill: Partial<Record<"iot-latency" | "iot-fail-rate", string>> = {},
) {
  const { page, errors } = await openPage(h);
  await page.goto(`${h.server.url}/playground.html`);
  const player = page.getByTestId("iot-player");
  await player.getByTestId("iot-play").waitFor();
  await player.getByTestId("iot-program").selectOption(program);
  await player.getByTestId("iot-clock").selectOption(clock);
  for (const [id, value] of Object.entries(fill)) await player.getByTestId(id).fill(value);
  await player.getByTestId("iot-play").click();
  return { page, errors, player, status: player.getByTestId("iot-status") };
}

describe.runIf(run)("IoT timeline player", () => {
  it("plays sleep on the virtual clock: two latencies, flush before clean", async () => {
    const { page, errors, player, status } = await playIot("sleep", "virtual");
    await expect.poll(() => status.textContent()).toMatch(/^sleep: total/);
    expect(await status.textContent()).toBe(
      "sleep: total 1500 ms (connect 500 ms, program 1000 ms)",
    );
    const toilet = player.locator('.lane[data-device="toilet"] .bar');
    expect(
      await toilet.evaluateAll((bars) => bars.map((b) => b.getAttribute("data-type"))),
    ).toEqual(["CONNECT", "FLUSH", "CLEAN"]);
    const [flush, clean] = await toilet.evaluateAll((bars) =>
      bars.slice(1).map((b) => ({
        left: Number.parseFloat((b as HTMLElement).style.left),
        width: Number.parseFloat((b as HTMLElement).style.width),
      })),
    );
    expect(clean!.left).toBeGreaterThanOrEqual(flush!.left + flush!.width - 0.01);
    expect(await player.getByTestId("iot-log").textContent()).toContain("toilet CLEAN");
    await player.screenshot({ path: `${OUTPUT}iot-sleep-virtual.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("with a failure rate of 1 every message fails, the bars turn red and the status says so", async () => {
    const { page, errors, player, status } = await playIot("sleep", "virtual", {
      "iot-fail-rate": "1",
    });
    await expect.poll(() => status.textContent()).toMatch(/^sleep: total/);
    // Connects never fail; the flush fails, so the clean never starts: 3 failed messages.
    expect(await status.textContent()).toMatch(/; 3 steps failed$/);
    expect(await status.getAttribute("class")).toBe("dmx-error");
    expect(await player.locator(".bar.failed").count()).toBe(3);
    expect(await player.locator('.bar[data-type="CLEAN"]').count()).toBe(0);
    await player.screenshot({ path: `${OUTPUT}iot-sleep-failing.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("plays wake-up on the real clock and draws the song after both switches", async () => {
    const { page, errors, player, status } = await playIot("wake-up", "real", {
      "iot-latency": "200",
    });
    await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toMatch(/^wake-up: total \d+ ms/);
    const types = await player
      .locator('.lane[data-device="speaker"] .bar')
      .evaluateAll((bars) => bars.map((b) => b.getAttribute("data-type")));
    expect(types).toEqual(["CONNECT", "SWITCH_ON", "PLAY_SONG"]);
    // Real time: at least connect + two program latencies.
    const total = Number((await status.textContent())!.match(/total (\d+) ms/)![1]);
    expect(total).toBeGreaterThanOrEqual(3 * 200 - 5);
    await player.screenshot({ path: `${OUTPUT}iot-wake-up-real.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
