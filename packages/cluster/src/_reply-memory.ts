/**
 * The memory of large Redis replies, handed back once written. The repository's patch of
 * redis-parser (ioredis's parser) gives every bulk reply of at least 1 MiB a buffer of its
 * own and keeps a few such buffers that their consumer hands back, for the next large reply:
 * new memory costs a page fault per 4 kB on first touch (on the 2-core development VM, the
 * coordinator's busiest function in an output-bound run was that copy). The patch publishes
 * its `recycle` under a registered symbol, so nothing here imports the parser; with an
 * unpatched parser (this package installed from npm) there is none, and this does nothing.
 */
const key = Symbol.for("redis-parser.recycle");

/**
 * Hands `reply` back to the parser. Only for a reply this process owns and has finished
 * with, every view of it included: its memory is the next large reply's.
 */
export function recycleReply(reply: Buffer): void {
  const recycle = (globalThis as { [key]?: unknown })[key];
  if (typeof recycle === "function") recycle(reply);
}
