// A rejected promise that nobody handles: since Node 15 the process crashes (exit code 1) as
// soon as the microtask queue drains, exactly like an uncaught exception.
import { spawnSync } from "node:child_process";

/** Runs a tiny program whose promise rejects unhandled; reports how it ended. */
export function unhandledRejection(): {
  exitCode: number | null;
  reported: boolean;
  laterCodeRan: boolean;
} {
  const program = `
    async function save() { throw new Error("disk full"); }
    save(); // no await, no .catch(): the rejection is unhandled
    setTimeout(() => console.log("later code ran"), 50);
  `;
  const child = spawnSync(process.execPath, ["-e", program], { encoding: "utf8" });
  return {
    exitCode: child.status,
    reported: child.stderr.includes("Error: disk full"),
    laterCodeRan: child.stdout.includes("later code ran"),
  };
}

/** `pnpm --filter @dmx/docs run sample promises/unhandled` */
export async function main(): Promise<void> {
  const r = unhandledRejection();
  console.log(
    `exit code ${r.exitCode}; "Error: disk full" on stderr: ${r.reported}; code scheduled later ran: ${r.laterCodeRan}`,
  );
}
