import { Redis } from "ioredis";
import { ClusterError } from "./_errors.ts";

/** How long connecting may take before it counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 4000;

/** The URL with its password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "the Redis URL (unparsable)";
  }
}

function secretOf(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

/** `text` with every occurrence of the URL's password (raw or URL-encoded) replaced. */
export function scrub(text: string, url: string): string {
  const secret = secretOf(url);
  if (!secret) return text;
  let out = text.replaceAll(secret, "***");
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out = out.replaceAll(encoded, "***");
  return out;
}

function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ClusterError(
      "BAD_OPTION",
      "the Redis URL must look like redis://[:password@]host[:port][/db] or rediss://...",
    );
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new ClusterError(
      "BAD_OPTION",
      `the Redis URL must start with redis:// or rediss:// (TLS); got ${u.protocol}//`,
    );
  }
}

function explain(error: unknown, url: string): ClusterError {
  const where = redactUrl(url);
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrub(raw, url);
  const code = (error as { code?: string }).code;
  let line: string;
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message)) {
    line = `Redis at ${where} refused the password (WRONGPASS)`;
  } else if (/NOAUTH/i.test(message)) {
    line = `Redis at ${where} needs a password: put it in the URL (redis://:PASSWORD@host:port)`;
  } else if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(message)) {
    line = `cannot reach Redis at ${where}: connection refused (is redis-server running there?)`;
  } else if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    line = `cannot reach Redis at ${where}: unknown host`;
  } else if (/timed? ?out/i.test(message) || code === "ETIMEDOUT") {
    line = `cannot reach Redis at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  } else {
    line = `cannot use Redis at ${where}: ${message.split("\n")[0]}`;
  }
  return new ClusterError("REDIS_UNAVAILABLE", line);
}

/**
 * Connects to Redis at `url` (`redis://` or `rediss://` for TLS; a password and a database
 * number go in the URL) and checks it answers, failing within {@link CONNECT_TIMEOUT_MS}
 * with one line that never holds the password. The client then reconnects by itself
 * (commands wait while it does: BullMQ needs that), so callers watch {@link Redis.status}.
 *
 * @throws ClusterError `BAD_OPTION` for a malformed URL, `REDIS_UNAVAILABLE` otherwise
 */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  checkUrl(url);
  let first: unknown;
  const client = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    // Reconnect every 200 ms .. 2 s; the callers decide when "down" lasted too long.
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
  client.on("error", (error) => {
    first ??= error; // reported by connect() below, or watched through status later
  });
  const timer = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error("timed out")), CONNECT_TIMEOUT_MS + 500).unref();
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      timer,
    ]);
  } catch (error) {
    client.disconnect();
    throw explain(first ?? error, url);
  }
  return client;
}
