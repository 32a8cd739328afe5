import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { CliIO } from "./_command.ts";
import { RunError, UsageError } from "./_errors.ts";
import { shownPath } from "./_shown-path.ts";

/**
 * Writes a command's text data where `-o` says: stdout when `output` is absent or `-`, else
 * the file (relative to `io.cwd`; missing folders are created), through a temporary file beside it that is renamed at the
 * end, so a failure leaves no partial file. Bad targets are one-line errors: a directory is
 * exit 2, anything else that cannot be written exit 1.
 */
export async function writeText(output: string | undefined, text: string, io: CliIO) {
  if (output === undefined || output === "-") {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, output);
  const shown = shownPath(io.cwd, path);
  const isDirectory = await stat(path).then(
    (s) => s.isDirectory(),
    () => output.endsWith("/"),
  );
  if (isDirectory) throw new UsageError(`cannot write ${shown}: it is a directory`);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const e = error as NodeJS.ErrnoException;
    const why = e.code === "ENOENT" ? "no such directory" : (e.code ?? e.message);
    throw new RunError(`cannot write ${shown}: ${why}`);
  }
}
