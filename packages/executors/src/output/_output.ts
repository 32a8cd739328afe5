import { randomBytes } from "node:crypto";
import { realpathSync, statSync } from "node:fs";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ExecutorError } from "../_errors.ts";

/** Where formatted bytes go: a file (atomically) or a stream such as stdout. */
export interface ByteSink {
  /** Writes a chunk; resolves when the chunk may be reused (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Makes the output final (for files: close, then rename the temp file into place). */
  commit(): Promise<void>;
  /** Drops the output (for files: close and delete the temp file). Never throws. */
  abort(): Promise<void>;
}

/**
 * A {@link ByteSink} over a temp file, which can also be written at given positions (also
 * by worker threads of this process, through `fd`) and pre-sized.
 */
export interface FileSink extends ByteSink {
  /** The final path (absolute). */
  readonly path: string;
  /** The temp file's descriptor: valid until `commit()` or `abort()`. */
  readonly fd: number;
  /** Writes all of `chunk` at byte `position` (the sequential position is not moved). */
  writeAt(chunk: Uint8Array, position: number): Promise<void>;
  /** Sets the file's size (extends with zeros), so later writes land inside the file. */
  resize(bytes: number): Promise<void>;
}

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

/**
 * Opens `path` for writing through a temp file in the same folder (`.<name>.<random>.tmp`);
 * {@link ByteSink.commit} renames it over `path`, so readers never see a half-written file
 * and a failed or interrupted run leaves any previous `path` untouched.
 */
export async function openFileSink(path: string): Promise<FileSink> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, "wx");
  } catch (error) {
    throw new ExecutorError("OUTPUT_FAILED", `cannot write ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let done = false;
  return {
    path: target,
    fd: handle.fd,
    async write(chunk) {
      let at = 0;
      while (at < chunk.length) {
        const { bytesWritten } = await handle!.write(chunk, at, chunk.length - at);
        at += bytesWritten;
      }
    },
    async writeAt(chunk, position) {
      let at = 0;
      while (at < chunk.length) {
        const { bytesWritten } = await handle!.write(chunk, at, chunk.length - at, position + at);
        at += bytesWritten;
      }
    },
    async resize(bytes) {
      await handle!.truncate(bytes);
    },
    async commit() {
      done = true;
      await handle!.close();
      await rename(temp, target);
    },
    async abort() {
      if (done) return;
      done = true;
      await handle!.close().catch(() => {});
      await unlink(temp).catch(() => {});
    },
  };
}

/** A sink over a writable stream (stdout): honours `write()` backpressure, never closes it. */
export function streamSink(stream: NodeJS.WritableStream): ByteSink {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  stream.on("error", onError);
  return {
    async write(chunk) {
      if (failure) throw failure;
      // Copy: the caller may reuse `chunk` (a shared buffer slot) once we resolve.
      const ok = stream.write(Uint8Array.prototype.slice.call(chunk));
      if (!ok) {
        await new Promise<void>((resolve, reject) => {
          const done = (error?: Error) => {
            stream.off("drain", onDrain);
            stream.off("error", done);
            if (error) reject(error);
            else resolve();
          };
          const onDrain = () => done();
          stream.once("drain", onDrain);
          stream.once("error", done);
        });
      }
    },
    async commit() {
      stream.off("error", onError);
      if (failure) throw failure;
    },
    async abort() {
      stream.off("error", onError);
    },
  };
}

/** A file sink for a path, or a stream sink for a stream. */
export async function openSink(
  output: string | NodeJS.WritableStream,
): Promise<FileSink | ByteSink> {
  return typeof output === "string" ? openFileSink(output) : streamSink(output);
}
