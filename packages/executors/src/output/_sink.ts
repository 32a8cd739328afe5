// The sink types, apart from the code that opens sinks, so the sink implementations
// (direct, stream, file) and their callers import them without a cycle.

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
  /**
   * Tells the sink that `bytes` more were written through `fd` by someone else (worker
   * threads), so it can start writing them back to disk early like its own writes.
   */
  wrote(bytes: number): void;
  /** Bytes whose writeback to disk was started before `commit()` (see `writebackBytes`). */
  readonly writebackStarted: number;
}
