import type { Stats } from "node:fs";
import { lstat, readlink, realpath, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ExecutorError } from "../_errors.ts";
import { directoryError } from "./_output-error.ts";

/**
 * What an output path names, and so how it is written:
 * - `file`: a regular file, or nothing yet. Written to a temp file beside `path` and renamed
 *   over it. `path` is where the bytes go: a symlink is followed, so the link stays and the
 *   file it names is replaced. `keep` is the mode and owner of the file replaced.
 * - `direct`: a character device (`/dev/null`) or a FIFO, opened and written as it is.
 * - `socket`: a Unix socket: connected to, and written as a stream.
 * - `stdout` / `stderr`: `/dev/stdout`, `/dev/fd/1` and the like: this process's stream.
 */
export type OutputTarget =
  | {
      readonly kind: "file";
      readonly path: string;
      readonly keep?: { readonly mode: number; readonly uid: number; readonly gid: number };
    }
  | { readonly kind: "direct" | "socket"; readonly path: string }
  | { readonly kind: "stdout" | "stderr" };

/** Follows a chain of symlinks (also to a file that does not exist yet) to its last path. */
async function lastLink(path: string): Promise<string> {
  let at = path;
  for (let i = 0; i < 40; i++) {
    let info: Stats;
    try {
      info = await lstat(at);
    } catch {
      return at;
    }
    if (!info.isSymbolicLink()) return at;
    at = resolve(dirname(at), await readlink(at));
  }
  return at;
}

/**
 * Finds out what `output` (as the user gave it) names. Throws `OUTPUT_IS_DIRECTORY` for a
 * directory or a path ending in a slash, `OUTPUT_FAILED` for a block device.
 */
export async function outputTarget(output: string): Promise<OutputTarget> {
  if (/[\\/]$/.test(output)) throw directoryError(output);
  const path = resolve(output);
  const fd = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path)?.[1];
  if (path === "/dev/stdout" || fd === "1") return { kind: "stdout" };
  if (path === "/dev/stderr" || fd === "2") return { kind: "stderr" };
  if (fd !== undefined) return { kind: "direct", path };
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    // Nothing there yet (or nothing we may look at: opening the temp file will say why).
    return { kind: "file", path: await lastLink(path) };
  }
  if (info.isDirectory()) throw directoryError(output);
  if (info.isCharacterDevice() || info.isFIFO()) return { kind: "direct", path };
  if (info.isSocket()) return { kind: "socket", path };
  if (info.isBlockDevice()) {
    throw new ExecutorError(
      "OUTPUT_FAILED",
      `cannot write ${output}: is a block device (refused; write to a file)`,
    );
  }
  return {
    kind: "file",
    path: await realpath(path),
    keep: { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid },
  };
}
