// `@dmx/test-redis`: a real redis-server for one test file: on a free loopback port, no persistence, stopped
// after. Skipped with a printed note when redis-server is not installed, required in CI.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { connect, createServer } from "node:net";

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
  /** `redis://127.0.0.1:PORT` (with the password when there is one). */
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
): Promise<string> {
  const encode = (a: readonly string[]) =>
    `*${a.length}\r\n${a.map((x) => `$${Buffer.byteLength(x)}\r\n${x}\r\n`).join("")}`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect", () => {
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

async function waitUntilUp(port: number, password?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await redisCommand(port, ["PING"], password)).startsWith("+PONG")) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts redis-server with `--save "" --appendonly no --port P` (and a password if given). */
export async function startRedis(password?: string): Promise<TestRedis> {
  const port = await freePort();
  const url = password ? `redis://:${password}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const launch = async () => {
    const args = [
      "--save",
      "",
      "--appendonly",
      "no",
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
    ];
    if (password) args.push("--requirepass", password);
    child = spawn(redisServer!, args, { stdio: "ignore" });
    await waitUntilUp(port, password);
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
      const info = await redisCommand(port, ["INFO", "memory"], password);
      return Object.fromEntries(
        info
          .split("\r\n")
          .filter((l) => /^[a-z_]+:/.test(l))
          .map((l) => l.split(":", 2) as [string, string]),
      );
    },
  };
}
