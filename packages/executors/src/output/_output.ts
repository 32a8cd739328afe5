import { realpathSync, statSync } from "node:fs";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";
import { ExecutorError } from "../_errors.ts";
import { openDirect, openSocket } from "./_direct-sinks.ts";
import { outputError } from "./_output-error.ts";
import { type OutputTarget, outputTarget } from "./_output-target.ts";
import type { ByteSink, FileSink } from "./_sink.ts";
import { streamSink } from "./_stream-sink.ts";
import { removeStaleTemps, tempOwner, tempPathFor, trackTemp, untrackTemp } from "./_temp-files.ts";
import { DEFAULT_WRITEBACK_BYTES, earlyWriteback } from "./_writeback.ts";

export type { ByteSink, FileSink } from "./_sink.ts";
export { streamSink } from "./_stream-sink.ts";

function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * Throws `OUTPUT_IS_INPUT` when `output` resolves to one of `inputs` (same path after
 * resolving symlinks, or the same file through a hard link).
 */
export function checkNotInput(output: string, inputs: readonly string[]): void {
  const out = real(output);
  for (const input of inputs) {
    if (real(input) === out || sameFile(input, output)) {
      throw new ExecutorError(
        "OUTPUT_IS_INPUT",
        `refusing to write the output to ${output}: that is the input file ${input}`,
      );
    }
  }
}

/** Options of {@link openSink} and {@link openFileSink}. */
export interface OpenSinkOptions {
  /** Called with a warning, e.g. that a stale temp file of a killed run was removed. */
  readonly onWarning?: ((message: string) => void) | undefined;
  /**
   * Files: start writing the output back to disk in the background after every this many
   * bytes (0: only at `commit()`), so the final fsync has little left to wait for. Default
   * 32 MiB.
   */
  readonly writebackBytes?: number | undefined;
}

/**
 * Opens `path` for writing through a temp file in the folder of the file it names
 * (`.<name>.<host>.<pid>.<random>.tmp`); {@link ByteSink.commit} fsyncs it, renames it over
 * that file and fsyncs the folder, so readers never see a half-written file, a failed or
 * interrupted run leaves any previous file untouched, and a committed file survives a power
 * cut. A symlink is followed (the link stays); a file replaced keeps its mode (and, as root,
 * its owner). Temp files of earlier runs on this host whose process is gone are removed
 * first (`onWarning` says so). If the process exits before `commit()`/`abort()` (a second
 * Ctrl-C), an `exit` listener deletes the temp file. Errors name `path`, never the temp file.
 *
 * @throws ExecutorError `OUTPUT_IS_DIRECTORY` (a directory, or a path ending in `/`),
 *   `OUTPUT_FAILED` (cannot write; also when `path` is a device, FIFO or socket: use
 *   {@link openSink})
 */
export async function openFileSink(path: string, options: OpenSinkOptions = {}): Promise<FileSink> {
  const target = await outputTarget(path);
  if (target.kind !== "file") {
    throw new ExecutorError("OUTPUT_FAILED", `cannot write ${path}: not a regular file`);
  }
  return openAtomic(path, target, options);
}

async function openAtomic(
  shown: string,
  target: OutputTarget & { kind: "file" },
  options: OpenSinkOptions,
): Promise<FileSink> {
  for (const stale of await removeStaleTemps(target.path)) {
    const pid = tempOwner(target.path, basename(stale))?.pid;
    options.onWarning?.(`removed ${stale}: a temp file left by a run (pid ${pid}) that was killed`);
  }
  const temp = tempPathFor(target.path);
  let handle: FileHandle;
  try {
    // A new file gets the usual mode (umask applies); one replaced gets its own mode below.
    handle = await open(temp, "wx", target.keep ? 0o600 : 0o666);
    trackTemp(temp);
  } catch (error) {
    throw outputError(shown, error);
  }
  const keep = target.keep;
  if (keep) {
    try {
      if (process.getuid?.() === 0) await handle.chown(keep.uid, keep.gid);
      await handle.chmod(keep.mode);
    } catch {
      // A file system without modes or owners: keep what it gives.
    }
  }
  let done = false;
  let closed = false;
  const writeback = earlyWriteback(handle, options.writebackBytes ?? DEFAULT_WRITEBACK_BYTES);
  const fail = async (error: unknown): Promise<never> => {
    throw outputError(shown, error);
  };
  const sink: FileSink = {
    path: target.path,
    fd: handle.fd,
    async write(chunk) {
      let at = 0;
      while (at < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, at, chunk.length - at).catch(fail);
        at += bytesWritten;
      }
      writeback.note(chunk.length);
    },
    async writeAt(chunk, position) {
      let at = 0;
      while (at < chunk.length) {
        const { bytesWritten } = await handle
          .write(chunk, at, chunk.length - at, position + at)
          .catch(fail);
        at += bytesWritten;
      }
      writeback.note(chunk.length);
    },
    async resize(bytes) {
      await handle.truncate(bytes).catch(fail);
    },
    wrote(bytes) {
      writeback.note(bytes);
    },
    get writebackStarted() {
      return writeback.started;
    },
    async commit() {
      if (done) throw new ExecutorError("OUTPUT_FAILED", `cannot write ${shown}: already closed`);
      try {
        await writeback.settle();
        await handle.sync();
        closed = true;
        await handle.close();
        await rename(temp, target.path);
      } catch (error) {
        await sink.abort();
        throw outputError(shown, error);
      }
      done = true;
      untrackTemp(temp);
      await syncFolder(dirname(target.path));
    },
    async abort() {
      if (done) return;
      done = true;
      await writeback.settle().catch(() => {});
      if (!closed) await handle.close().catch(() => {});
      closed = true;
      await unlink(temp).catch(() => {});
      untrackTemp(temp);
    },
  };
  return sink;
}

/** fsyncs a folder, so a rename in it is on disk; quietly skipped where that is refused. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems and platforms do not fsync folders: the rename is still atomic.
  }
}

/**
 * A sink for a path or a stream. A path naming a regular file (or nothing yet) gets a
 * {@link FileSink} (temp file, then rename: see {@link openFileSink}); a character device
 * (`/dev/null`) or FIFO is opened and written directly, a Unix socket connected to, and
 * `/dev/stdout` (`/dev/fd/1`) or `/dev/stderr` is this process's stream: no temp file, and
 * nothing ever replaces the device, FIFO or socket.
 *
 * @throws ExecutorError `OUTPUT_IS_DIRECTORY`, `OUTPUT_FAILED`
 */
export async function openSink(
  output: string | NodeJS.WritableStream,
  options: OpenSinkOptions = {},
): Promise<FileSink | ByteSink> {
  if (typeof output !== "string") return streamSink(output);
  const target = await outputTarget(output);
  switch (target.kind) {
    case "file":
      return openAtomic(output, target, options);
    case "direct":
      return openDirect(output, target.path);
    case "socket":
      return openSocket(output, target.path);
    case "stdout":
      return streamSink(process.stdout, output);
    case "stderr":
      return streamSink(process.stderr, output);
  }
}
