// "One thread runs your JavaScript", but not everything runs on it: libuv's thread pool
// (4 threads unless UV_THREADPOOL_SIZE says otherwise) runs fs, crypto (pbkdf2, scrypt,
// randomBytes), zlib and dns.lookup, and the main thread stays free meanwhile.
import { pbkdf2, pbkdf2Sync } from "node:crypto";
import { promisify } from "node:util";

const hash = promisify(pbkdf2);
const ITERATIONS = 50_000;

/** Four key derivations on the main thread, then four on libuv's pool, with a ticking timer. */
export async function libuvPool(): Promise<{
  syncMs: number;
  poolMs: number;
  ticksDuringSync: number;
  ticksDuringPool: number;
}> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    let start = performance.now();
    for (let i = 0; i < 4; i++) pbkdf2Sync("secret", `salt${i}`, ITERATIONS, 64, "sha512");
    const syncMs = performance.now() - start;
    const ticksDuringSync = ticks; // read before the loop gets a turn: the timer never ran
    await new Promise((r) => setTimeout(r, 20));
    ticks = 0;
    start = performance.now();
    await Promise.all(
      [0, 1, 2, 3].map((i) => hash("secret", `salt${i}`, ITERATIONS, 64, "sha512")),
    );
    const poolMs = performance.now() - start;
    return { syncMs, poolMs, ticksDuringSync, ticksDuringPool: ticks };
  } finally {
    clearInterval(timer);
  }
}

/** `pnpm --filter @dmx/docs run sample event-loop/libuv-pool` */
export async function main(): Promise<void> {
  const r = await libuvPool();
  console.log(
    `4 x pbkdf2Sync on the main thread: ${r.syncMs.toFixed(0)} ms, a 5 ms timer ticked ${r.ticksDuringSync} times`,
  );
  console.log(
    `4 x pbkdf2 on libuv's thread pool: ${r.poolMs.toFixed(0)} ms, the timer ticked ${r.ticksDuringPool} times meanwhile`,
  );
}
