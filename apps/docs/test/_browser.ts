import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { type StaticServer, serveStatic } from "./_server.ts";

/** Debian's Chromium; the CI script installs it with apt-get. */
export const CHROMIUM = "/usr/bin/chromium";
export const SITE = fileURLToPath(new URL("../.vitepress/dist/", import.meta.url));
export const OUTPUT = fileURLToPath(new URL("../test-output/", import.meta.url));

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a message, except
 * under CI, where a missing browser or an unbuilt site is a failure (the suite then throws).
 */
export function browserAvailable(): boolean {
  const problems: string[] = [];
  if (!existsSync(CHROMIUM)) problems.push(`${CHROMIUM} is missing (apt-get install chromium)`);
  if (!existsSync(`${SITE}index.html`))
    problems.push(`the site is not built (pnpm --filter @dmx/docs run docs)`);
  if (problems.length === 0) return true;
  const message = `browser tests cannot run: ${problems.join("; ")}`;
  if (process.env.CI) throw new Error(`${message} (CI is set, so this is a failure)`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

/** A running browser and a server for the built site. */
export interface Harness {
  readonly browser: Browser;
  readonly server: StaticServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await mkdir(OUTPUT, { recursive: true });
  const server = await serveStatic(SITE);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  return {
    browser,
    server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens a page that records console errors and uncaught exceptions. */
export async function openPage(h: Harness): Promise<{ page: Page; errors: string[] }> {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  // VitePress prefetches the chunks of linked pages; leaving a page aborts them (not an error).
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText ?? "";
    if (why !== "net::ERR_ABORTED") errors.push(`request failed: ${req.url()} ${why}`);
  });
  return { page, errors };
}
