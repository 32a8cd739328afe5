// `@dmx/test-redis`: a real redis-server for one test file: on a free loopback port, no persistence, stopped
// after. Skipped with a printed note when redis-server is not installed, required in CI.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { connect as connectTls } from "node:tls";

function findRedisServer(): string | undefined {
  try {
    return (
      execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/** Path of redis-server, or undefined (then the cluster tests skip, unless `CI` is set). */
export const redisServer = findRedisServer();
if (!redisServer) {
  if (process.env.CI)
    throw new Error("redis-server is required when CI is set (apt-get install redis-server)");
  console.warn(
    "note: redis-server is not installed: the cluster tests are skipped (apt-get install redis-server)",
  );
}

function findOpenssl(): string | undefined {
  try {
    return (
      execFileSync("sh", ["-c", "command -v openssl"], { encoding: "utf8" }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** Path of openssl, or undefined (then the TLS tests skip, unless `CI` is set). */
export const openssl = findOpenssl();

/** PEM files of a throwaway CA and of a server certificate it signed for 127.0.0.1. */
export interface TlsFiles {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/**
 * Makes a throwaway CA and a server certificate for `127.0.0.1` and `localhost`, signed by
 * it, in `dir` with openssl. Returns undefined, with a printed note, when openssl is not
 * installed; throws then when `CI` is set.
 */
export function makeTlsFiles(dir: string): TlsFiles | undefined {
  if (!openssl) {
    if (process.env.CI) throw new Error("openssl is required when CI is set");
    console.warn("note: openssl is not installed: the TLS (rediss://) tests are skipped");
    return undefined;
  }
  const f = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync(openssl!, args, { stdio: "pipe" });
  const days = ["-days", "2"];
  run([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    f("ca.key"),
    "-out",
    f("ca.pem"),
    ...days,
    "-subj",
    "/CN=dmx test CA",
  ]);
  run([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    f("server.key"),
    "-out",
    f("server.csr"),
    "-subj",
    "/CN=127.0.0.1",
  ]);
  writeFileSync(f("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  run([
    "x509",
    "-req",
    "-in",
    f("server.csr"),
    "-CA",
    f("ca.pem"),
    "-CAkey",
    f("ca.key"),
    "-CAcreateserial",
    "-out",
    f("server.pem"),
    ...days,
    "-extfile",
    f("server.ext"),
  ]);
  return { ca: f("ca.pem"), cert: f("server.pem"), key: f("server.key") };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running redis-server. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` (with the password when there is one), `rediss://` with TLS. */
  readonly url: string;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (no persistence). */
  restart(): Promise<void>;
  /** `INFO memory` as a record. */
  memory(): Promise<Record<string, string>>;
}

/** Sends one command (RESP) and resolves with the raw reply text. */
export function redisCommand(
  port: number,
  args: readonly string[],
  password?: string,
  tls?: TlsFiles,
): Promise<string> {
  const encode = (a: readonly string[]) =>
    `*${a.length}\r\n${a.map((x) => `$${Buffer.byteLength(x)}\r\n${x}\r\n`).join("")}`;
  return new Promise((resolve, reject) => {
    const socket = tls
      ? connectTls({ port, host: "127.0.0.1", ca: readFileSync(tls.ca) })
      : connect(port, "127.0.0.1");
    let reply = "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket.on(tls ? "secureConnect" : "connect", () => {
      socket.write((password ? encode(["AUTH", password]) : "") + encode(args));
    });
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      clearTimeout(timer);
      timer = setTimeout(() => {
        socket.destroy();
        resolve(password ? reply.replace(/^\+OK\r\n/, "") : reply);
      }, 50);
    });
    socket.on("error", reject);
  });
}

async function waitUntilUp(port: number, password?: string, tls?: TlsFiles): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await redisCommand(port, ["PING"], password, tls)).startsWith("+PONG")) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts redis-server with `--save "" --appendonly no --port P` (and a password if given);
 * with `tls`, on `--tls-port P` only (no plain port; clients need no certificate).
 */
export async function startRedis(password?: string, tls?: TlsFiles): Promise<TestRedis> {
  const port = await freePort();
  const scheme = tls ? "rediss" : "redis";
  const url = password
    ? `${scheme}://:${password}@127.0.0.1:${port}`
    : `${scheme}://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const launch = async () => {
    const args = [
      "--save",
      "",
      "--appendonly",
      "no",
      "--bind",
      "127.0.0.1",
      ...(tls
        ? ["--port", "0", "--tls-port", String(port), "--tls-cert-file", tls.cert]
        : ["--port", String(port)]),
    ];
    if (tls) args.push("--tls-key-file", tls.key, "--tls-ca-cert-file", tls.ca);
    if (tls) args.push("--tls-auth-clients", "no");
    if (password) args.push("--requirepass", password);
    child = spawn(redisServer!, args, { stdio: "ignore" });
    await waitUntilUp(port, password, tls);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill("SIGTERM");
    });
  };
  await launch();
  return {
    port,
    url,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async memory() {
      const info = await redisCommand(port, ["INFO", "memory"], password, tls);
      return Object.fromEntries(
        info
          .split("\r\n")
          .filter((l) => /^[a-z_]+:/.test(l))
          .map((l) => l.split(":", 2) as [string, string]),
      );
    },
  };
}
