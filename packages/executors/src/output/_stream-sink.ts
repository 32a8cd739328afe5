import { errnoCode, outputError } from "./_output-error.ts";
import type { ByteSink } from "./_sink.ts";

/**
 * A sink over a writable stream (stdout): honours `write()` backpressure, never closes it.
 * Errors become `cannot write <name>: ...` (`name` defaults to "stdout" for descriptor 1),
 * except EPIPE (the reader went away), which is passed on as it is.
 */
export function streamSink(stream: NodeJS.WritableStream, name?: string): ByteSink {
  const shown = name ?? ((stream as { fd?: unknown }).fd === 1 ? "stdout" : "the output stream");
  const wrap = (error: unknown) =>
    errnoCode(error) === "EPIPE" ? error : outputError(shown, error);
  let failure: unknown;
  const onError = (error: Error) => {
    failure = wrap(error);
  };
  stream.on("error", onError);
  return {
    async write(chunk) {
      if (failure) throw failure;
      // Copy: the caller may reuse `chunk` (a shared buffer slot) once we resolve.
      let ok: boolean;
      try {
        ok = stream.write(Uint8Array.prototype.slice.call(chunk));
      } catch (error) {
        // A synchronous stream (stdout on a file or device) throws here.
        throw wrap(error);
      }
      if (!ok) {
        await new Promise<void>((resolve, reject) => {
          const done = (error?: Error) => {
            stream.off("drain", onDrain);
            stream.off("error", done);
            if (error) reject(wrap(error));
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
