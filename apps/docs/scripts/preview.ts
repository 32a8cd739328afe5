// `pnpm --filter @dmx/docs run preview [port]`: serves the built site (.vitepress/dist) with the
// cross-origin isolation headers (COOP + COEP) that SharedArrayBuffer needs, which
// `vitepress preview` cannot send. Port 4173 unless given.
import { fileURLToPath } from "node:url";
import { serveStatic } from "./serve-static.ts";

const site = fileURLToPath(new URL("../.vitepress/dist/", import.meta.url));
const server = await serveStatic(site, Number(process.argv[2] ?? 4173));
process.stdout.write(`Built site served at ${server.url}/ (cross-origin isolated; Ctrl-C stops)\n`);
