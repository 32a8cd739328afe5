import { Writable } from "node:stream";
import type { CliIO } from "../src/_command.ts";

/** A CliIO that collects what a command writes, for in-process tests. */
export function captureIO(cwd: string, signal = new AbortController().signal) {
  const out = { stdout: "", stderr: "" };
  const sink = (key: "stdout" | "stderr") =>
    new Writable({
      write(chunk, _encoding, done) {
        out[key] += String(chunk);
        done();
      },
    });
  const io: CliIO = { stdout: sink("stdout"), stderr: sink("stderr"), env: {}, cwd, signal };
  return { io, out };
}
