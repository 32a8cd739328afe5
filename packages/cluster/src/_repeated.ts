/** What {@link repeatedLines} returns. */
export interface RepeatedLines {
  /** Logs `line`, unless it repeats the last one: then only a count, once a period. */
  say(line: string): void;
  /** The trouble is over: logs the count still owed, then `line` (if anything was said). */
  over(line: string): void;
}

/**
 * Logs a line that may repeat every second for hours (a worker's "connect ECONNREFUSED"
 * while Redis is down) once, then `(N more times)` at most once per `periodMs`, and a
 * closing line when the trouble is over. `now` is the clock (ms).
 */
export function repeatedLines(
  log: (line: string) => void,
  periodMs = 60_000,
  now: () => number = () => performance.now(),
): RepeatedLines {
  let last: string | undefined;
  let repeats = 0;
  let countedAt = 0;
  const owed = () => {
    if (last !== undefined && repeats > 0)
      log(`${last} (${repeats} more time${repeats === 1 ? "" : "s"})`);
    repeats = 0;
  };
  return {
    say(line) {
      if (line === last) {
        repeats++;
        if (now() - countedAt >= periodMs) {
          owed();
          countedAt = now();
        }
        return;
      }
      owed();
      last = line;
      countedAt = now();
      log(line);
    },
    over(line) {
      if (last === undefined) return;
      owed();
      last = undefined;
      log(line);
    },
  };
}
