import type { FileHandle } from "node:fs/promises";

/**
 * Bytes written between two background syncs of a file sink (the default of
 * {@link OpenSinkOptions.writebackBytes}): large enough that the syncs cost little, small
 * enough that the final fsync of a 100 MB+ output has little left to write.
 */
export const DEFAULT_WRITEBACK_BYTES = 32 * 1024 * 1024;

/** Early writeback of one open file: see {@link earlyWriteback}. */
export interface Writeback {
  /** Counts `bytes` more written to the file; may start a background sync. */
  note(bytes: number): void;
  /** Bytes covered by background syncs started so far (for tests and diagnostics). */
  readonly started: number;
  /**
   * Waits for the background sync in flight, if any, then throws the first error a
   * background sync met (Linux reports a failed writeback once per open file, so the final
   * fsync alone could succeed after data was lost: the error must not be dropped).
   */
  settle(): Promise<void>;
}

/**
 * Starts the file's writeback while it is still being written: after every `every` bytes
 * (0: never) an `fdatasync` runs in the background, at most one at a time, so the disk
 * writes the first part of the output while the rest is computed. The page cache would
 * otherwise hold it all until the final fsync, which then waits for the whole file (about
 * 0.25 s for 400 MB on a fast SSD). The first failed background sync is kept and thrown
 * by `settle()`, which the sink calls before its final fsync.
 */
export function earlyWriteback(handle: FileHandle, every: number): Writeback {
  let unsynced = 0;
  let started = 0;
  let inFlight: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  return {
    note(bytes) {
      if (every <= 0) return;
      unsynced += bytes;
      if (unsynced < every || inFlight !== undefined) return;
      started += unsynced;
      unsynced = 0;
      const done = () => {
        inFlight = undefined;
      };
      const failed = (error: unknown) => {
        failure ??= { error };
        done();
      };
      try {
        inFlight = handle.datasync().then(done, failed);
      } catch {
        // A runtime whose file handles cannot sync: the final fsync does it all.
      }
    },
    get started() {
      return started;
    },
    async settle() {
      await inFlight;
      if (failure) throw failure.error;
    },
  };
}
