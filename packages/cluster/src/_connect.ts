import { readFileSync } from "node:fs";
import { Redis, type RedisOptions } from "ioredis";
import { ClusterError } from "./_errors.ts";

/** How long the TCP (and TLS) connection may take to open. */
export const CONNECT_TIMEOUT_MS = 2000;
/**
 * How long connecting may take in all, from the first byte to Redis answering PING (AUTH,
 * SELECT and CLIENT SETNAME included), before it counts as unreachable: well under the
 * 5 s within which `dmx compute --cluster` and `dmx worker` must exit when Redis is down,
 * whatever the address does (refuses, never opens, or opens and never answers).
 */
export const CONNECT_BUDGET_MS = 3000;
/**
 * How long a closed connection may wait for the server's side of the close before its
 * socket is destroyed (ioredis' default, 2 s, kept a process alive that long after giving up
 * on an address that accepts connections and never answers).
 */
export const DISCONNECT_TIMEOUT_MS = 200;

/** How to reach Redis, besides its URL. */
export interface ConnectOptions {
  /**
   * PEM file of the certificate authority (or authorities) that signed the server's TLS
   * certificate, for `rediss://` with a private CA. Default: Node's CAs (plus those of
   * `NODE_EXTRA_CA_CERTS`).
   */
  readonly caFile?: string | undefined;
}

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
  } else if (
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/.test(code ?? "") ||
    /certificate/i.test(message)
  ) {
    line = `Redis at ${where}: its TLS certificate is not trusted (${code ?? message.split("\n")[0]}); give the CA that signed it (dmx: --redis-ca FILE)`;
  } else if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    line = `cannot reach Redis at ${where}: unknown host`;
  } else if (/timed? ?out/i.test(message) || code === "ETIMEDOUT") {
    line = `cannot reach Redis at ${where}: no answer within ${CONNECT_BUDGET_MS / 1000} s`;
  } else {
    line = `cannot use Redis at ${where}: ${message.split("\n")[0]}`;
  }
  return new ClusterError("REDIS_UNAVAILABLE", line);
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ClusterError("BAD_OPTION", `cannot read the Redis CA file ${file} (${why})`);
  }
}

/**
 * The ioredis options of every connection: a socket timeout of {@link CONNECT_TIMEOUT_MS},
 * sockets destroyed {@link DISCONNECT_TIMEOUT_MS} after a close the server ignores,
 * no retry until the first connection is ready (so a first failure is final, and
 * {@link connectRedis}'s {@link CONNECT_BUDGET_MS} bounds it), then reconnection every
 * 200 ms .. 2 s with commands waiting meanwhile (BullMQ needs that; callers decide when
 * "down" lasted too long). `ready()` says whether the first connection was made.
 */
export function connectionOptions(
  name: string,
  url: string,
  ready: () => boolean,
  options: ConnectOptions = {},
): RedisOptions {
  if (options.caFile !== undefined && new URL(url).protocol !== "rediss:") {
    throw new ClusterError("BAD_OPTION", "a Redis CA file applies to rediss:// (TLS) URLs only");
  }
  const tls = options.caFile === undefined ? undefined : { ca: readCa(options.caFile) };
  return {
    lazyConnect: true,
    connectionName: name,
    connectTimeout: CONNECT_TIMEOUT_MS,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times) => (ready() ? Math.min(200 * times, 2000) : null),
    ...(tls && { tls }),
  };
}

/**
 * Connects to Redis at `url` (`redis://` or `rediss://` for TLS; a password and a database
 * number go in the URL) and checks it answers, failing within {@link CONNECT_BUDGET_MS}
 * with one line that never holds the password. The client then reconnects by itself
 * (commands wait while it does: BullMQ needs that), so callers watch {@link Redis.status}.
 *
 * @throws ClusterError `BAD_OPTION` for a malformed URL or an unreadable CA file,
 *   `REDIS_UNAVAILABLE` otherwise
 */
export async function connectRedis(
  url: string,
  name: string,
  options: ConnectOptions = {},
): Promise<Redis> {
  checkUrl(url);
  let first: unknown;
  let ready = false;
  const client = new Redis(
    url,
    connectionOptions(name, url, () => ready, options),
  );
  client.on("error", (error) => {
    first ??= error; // reported by connect() below, or watched through status later
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), CONNECT_BUDGET_MS);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      budget,
    ]);
    ready = true;
  } catch (error) {
    client.disconnect();
    throw explain(first ?? error, url);
  } finally {
    clearTimeout(timer);
  }
  return client;
}
