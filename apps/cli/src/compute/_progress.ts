import type { Progress } from "@dmx/executors";

/** Shows a progress bar on a TTY after `delayMs`, redrawn at most 10 times a second. */
export class ProgressBar {
  readonly #stream: NodeJS.WritableStream & { columns?: number };
  readonly #color: boolean;
  readonly #started = performance.now();
  readonly #delayMs: number;
  #lastDraw = 0;
  #drawn = false;

  constructor(
    stream: NodeJS.WritableStream & { columns?: number },
    color: boolean,
    delayMs = 1000,
  ) {
    this.#stream = stream;
    this.#color = color;
    this.#delayMs = delayMs;
  }

  update(progress: Progress): void {
    const now = performance.now();
    if (now - this.#started < this.#delayMs || now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - 40));
    const full = Math.round(fraction * width);
    let bar = "#".repeat(full) + "-".repeat(width - full);
    if (this.#color) bar = `\x1b[32m${"#".repeat(full)}\x1b[2m${"-".repeat(width - full)}\x1b[0m`;
    const percent = `${(fraction * 100).toFixed(0).padStart(3)}%`;
    this.#stream.write(
      `\r[${bar}] ${percent} ${count(progress.done)}/${count(progress.total)} distances`,
    );
    this.#drawn = true;
  }

  /** Erases the bar, if drawn. */
  clear(): void {
    if (this.#drawn) this.#stream.write("\r\x1b[K");
    this.#drawn = false;
  }
}

function count(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (x >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return String(x);
}

/** `12.3 ms` under a second, `4.56 s` above. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 3 : 1)} ms` : `${(ms / 1000).toFixed(3)} s`;
}
