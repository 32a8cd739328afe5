import { type FileHandle, open } from "node:fs/promises";
import { ExecutorError } from "../_errors.ts";
import { itemSize } from "../kernel/_file-tile.ts";
import type { PartInfo } from "./_shard-part.ts";
import { decodePartInfo, npyPartHeader, PART_MARK, textPartTrailer } from "./_shard-part.ts";

/** A part file, checked on its own: where its bytes of the merged output are. */
export interface PartFile {
  /** The path as given. */
  readonly path: string;
  readonly info: PartInfo;
  /** Byte range of the file that goes into the merged output. */
  readonly start: number;
  readonly length: number;
}

const bad = (message: string): never => {
  throw new ExecutorError("BAD_PART", message);
};

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const { bytesRead } = await handle.read(bytes, at, length - at, position + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return bytes.subarray(0, at);
}

const decoder = new TextDecoder("latin1");
const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const TAIL = 64 * 1024;

function notPart(path: string, why: string): never {
  return bad(`${path}: not a part of dmx compute --shard (${why})`);
}

async function readNpyPart(path: string, handle: FileHandle, size: number): Promise<PartFile> {
  const head = await readAt(handle, 0, 10);
  if (head.length < 10 || head[6] !== 1 || head[7] !== 0) notPart(path, "not an .npy v1.0 file");
  const length = head[8]! | (head[9]! << 8);
  const header = decoder.decode(await readAt(handle, 10, length));
  const at = header.indexOf(`# ${PART_MARK} `);
  if (at < 0) notPart(path, "an .npy file without a dmx-part record");
  const info = decodePartInfo(header.slice(at + PART_MARK.length + 3).trim());
  if (info?.format !== "npy") return notPart(path, "its dmx-part record is malformed");
  const expected = npyPartHeader(info);
  const same = expected.length === 10 + length && decoder.decode(expected.subarray(10)) === header;
  if (!same) notPart(path, "its .npy header does not match its dmx-part record");
  const data = info.values[1] * itemSize(info.dtype!);
  if (size !== expected.length + data) {
    bad(
      `${path}: ${size} bytes, expected ${expected.length + data} for slice ${info.k}/${info.K} (truncated or altered)`,
    );
  }
  return { path, info, start: expected.length, length: data };
}

async function readTextPart(path: string, handle: FileHandle, size: number): Promise<PartFile> {
  const from = Math.max(0, size - TAIL);
  const tail = decoder.decode(await readAt(handle, from, size - from));
  if (!tail.endsWith("\n")) notPart(path, "it does not end with a #dmx-part line");
  const mark = `#${PART_MARK} `;
  const line = tail.lastIndexOf("\n", tail.length - 2) + 1;
  if (!tail.startsWith(mark, line) || (line === 0 && from > 0)) {
    notPart(path, "its last line is not a #dmx-part record");
  }
  const info = decodePartInfo(tail.slice(line + mark.length, -1));
  if (!info || info.format === "npy") return notPart(path, "its #dmx-part record is malformed");
  const bytes = info.bytes!;
  const lastByte = bytes > 0 ? (await readAt(handle, bytes - 1, 1))[0] : undefined;
  const trailer = decoder.decode(textPartTrailer(info, lastByte === 10));
  if (size !== bytes + trailer.length || !tail.endsWith(trailer)) {
    bad(
      `${path}: ${size} bytes, expected ${bytes + trailer.length} for slice ${info.k}/${info.K} (truncated or altered)`,
    );
  }
  return { path, info, start: 0, length: bytes };
}

/**
 * Opens a part file and checks it on its own: an `.npy` part (by its magic) or a text part
 * (by its last line), whose record is well formed and whose size matches it.
 *
 * @throws ExecutorError `BAD_PART` with a one-line reason naming `path`
 */
export async function readPart(path: string): Promise<PartFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as { code?: string }).code;
    return bad(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : (code ?? error)}`);
  }
  try {
    const { size } = await handle.stat();
    const magic = await readAt(handle, 0, 6);
    const npy = magic.length === 6 && NPY_MAGIC.every((b, i) => magic[i] === b);
    return npy ? await readNpyPart(path, handle, size) : await readTextPart(path, handle, size);
  } catch (error) {
    if (error instanceof ExecutorError) throw error;
    const code = (error as { code?: string }).code;
    return bad(`cannot read ${path}: ${code ?? (error as Error).message}`);
  } finally {
    await handle.close();
  }
}

/** Copies `length` bytes of `path` from `start` to `write`, a chunk at a time. */
export async function copyRange(
  path: string,
  start: number,
  length: number,
  write: (chunk: Uint8Array) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(Math.min(length, 8 << 20));
    let done = 0;
    while (done < length) {
      signal?.throwIfAborted();
      const want = Math.min(buffer.length, length - done);
      const { bytesRead } = await handle.read(buffer, 0, want, start + done);
      if (bytesRead === 0)
        bad(`${path}: shorter than when it was checked (changed during the merge)`);
      await write(buffer.subarray(0, bytesRead));
      done += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
