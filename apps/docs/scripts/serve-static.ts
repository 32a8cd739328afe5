import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Cross-origin isolation: with these two headers on the page, the browser puts it in its own
 * process group and sets `crossOriginIsolated`, which is what `SharedArrayBuffer` requires
 * (after Spectre). COOP keeps other origins' windows out of the page's browsing context group;
 * COEP makes every subresource opt in (same-origin ones always do).
 */
export const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
} as const;

/** Paths that redirect to a page (a static host's redirect rules). */
const REDIRECTS: Record<string, string> = {
  "/guide/": "/guide/1-concepts.html",
  "/guide": "/guide/1-concepts.html",
};

/** A static file server for the built site on 127.0.0.1 and a random port. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves `root` the way a static host would: `/x` → `x`, `x.html` or `x/index.html`, with the
 * cross-origin isolation headers on every response and `/guide/` redirected to the first page.
 */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    const target = REDIRECTS[path];
    if (target) {
      res.writeHead(302, { location: target });
      res.end();
      return;
    }
    const safe = normalize(path).replace(/^(\.\.[/\\])+/, "");
    const base = join(root, safe);
    const candidates = [base, `${base}.html`, join(base, "index.html")];
    for (const file of candidates) {
      if (file.startsWith(root) && (await isFile(file))) {
        res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(`not found: ${path}`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
