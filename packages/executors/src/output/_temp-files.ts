import { randomBytes } from "node:crypto";
import { readdirSync, unlinkSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import process from "node:process";

// Temp files of this process, and of earlier runs that were killed (SIGKILL, a power cut).
// A temp file is named `.<name>.<host>.<pid>.<random>.tmp`, so a later run can tell whether
// its owner is gone: same host, and no process with that pid.

/** This host's name, with anything but letters, digits and `-` replaced by `-`. */
function host(): string {
  return (hostname() || "host").replace(/[^A-Za-z0-9-]/g, "-");
}

/** A new temp path beside `target`: `.<name>.<host>.<pid>.<random hex>.tmp`. */
export function tempPathFor(target: string): string {
  const name = `.${basename(target)}.${host()}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  return join(dirname(target), name);
}

/** The owner of a temp file of `target` named `file`, or undefined when it is not one. */
export function tempOwner(target: string, file: string): { host: string; pid: number } | undefined {
  const prefix = `.${basename(target)}.`;
  if (!file.startsWith(prefix)) return undefined;
  const m = /^([A-Za-z0-9-]+)\.(\d+)\.[0-9a-f]+\.tmp$/.exec(file.slice(prefix.length));
  return m ? { host: m[1]!, pid: Number(m[2]) } : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * Deletes the temp files of `target` left by runs on this host whose process is gone, and
 * returns their paths. Others (another host's, a live process's) are left alone.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(dirname(target));
  } catch {
    return [];
  }
  const here = host();
  const removed: string[] = [];
  for (const file of files) {
    const owner = tempOwner(target, file);
    if (!owner || owner.host !== here || owner.pid === process.pid || alive(owner.pid)) continue;
    const path = join(dirname(target), file);
    try {
      await unlink(path);
      removed.push(path);
    } catch {
      // Removed by someone else meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

const live = new Set<string>();
let hooked = false;

/**
 * Registers a temp file to delete if the process exits before {@link untrackTemp} (a
 * second Ctrl-C, `process.exit` anywhere): an `exit` listener unlinks it synchronously.
 */
export function trackTemp(path: string): void {
  live.add(path);
  if (hooked) return;
  hooked = true;
  process.on("exit", removeLiveTemps);
}

/** The temp file was renamed or deleted: nothing left to clean up at exit. */
export function untrackTemp(path: string): void {
  live.delete(path);
}

/** Deletes every temp file still registered (synchronously: it runs at `exit`). */
export function removeLiveTemps(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
    live.delete(path);
  }
}
