// A child process is a whole new runtime: its own memory, its own event loop, its own startup.
import { fork } from "node:child_process";

/** Forks `child-sum.ts`, sends it numbers, and resolves with the sum it sends back. */
export function sumInChildProcess(numbers: number[]): Promise<number> {
  const child = fork(new URL("./child-sum.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    child.once("message", (sum) => {
      resolve(sum as number);
      child.disconnect(); // lets the child exit
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}`));
    });
    child.send(numbers); // copied as JSON; fork(..., { serialization: "advanced" }) uses structured clone
  });
}

/** `pnpm --filter @dmx/docs run sample processes/child-process` */
export async function main(): Promise<void> {
  console.log(`sum from the child process: ${await sumInChildProcess([1, 2, 3, 4.5])}`);
}
