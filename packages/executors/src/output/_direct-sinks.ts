import { type FileHandle, open } from "node:fs/promises";
import { createConnection } from "node:net";
import { outputError } from "./_output-error.ts";
import type { ByteSink } from "./_sink.ts";
import { streamSink } from "./_stream-sink.ts";

// Targets written as they are, with no temp file: devices, FIFOs, Unix sockets.

/** A sink that opens `path` (a device or FIFO) and writes to it as it is: no temp file. */
export async function openDirect(
  shown: string,
  path: string,
): Promise<ByteSink & { path: string }> {
  let handle: FileHandle;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw outputError(shown, error);
  }
  let closed = false;
  return {
    path,
    async write(chunk) {
      let at = 0;
      while (at < chunk.length) {
        try {
          at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
        } catch (error) {
          throw outputError(shown, error);
        }
      }
    },
    async commit() {
      if (closed) return;
      closed = true;
      await handle.close().catch((error: unknown) => {
        throw outputError(shown, error);
      });
    },
    async abort() {
      if (closed) return;
      closed = true;
      await handle.close().catch(() => {});
    },
  };
}

/** A sink over a connection to the Unix socket at `path`; commit ends the connection. */
export async function openSocket(
  shown: string,
  path: string,
): Promise<ByteSink & { path: string }> {
  const socket = createConnection(path);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", (error) => reject(outputError(shown, error)));
  });
  const stream = streamSink(socket, shown);
  return {
    path,
    write: (chunk) => stream.write(chunk),
    async commit() {
      await stream.commit();
      await new Promise<void>((resolve) => socket.end(resolve));
    },
    async abort() {
      await stream.abort();
      socket.destroy();
    },
  };
}
