// The browser tests serve the built site exactly as `pnpm --filter @dmx/docs run preview` does.
export { ISOLATION_HEADERS, type StaticServer, serveStatic } from "../scripts/serve-static.ts";
