// The code every worker of `dmx demo race` runs. It is one self-contained function (no
// imports, no closures) because it is started from its own source text with
// `new Worker(source, { eval: true })`, which needs no separate file in the bundled CLI.

/** Slots of the shared Int32Array. */
export const SLOT = { counter: 0, lockA: 1, lockB: 2, ready: 3, go: 4, holding: 5 } as const;

/** What one worker is told to do. */
export interface RaceWork {
  readonly kind: "plain" | "atomics" | "mutex" | "deadlock" | "ordered";
  readonly shared: SharedArrayBuffer;
  readonly id: number;
  readonly iterations: number;
  /** deadlock/ordered: give up on the second lock after this many ms. */
  readonly timeoutMs: number;
}

/** What one worker reports. */
export interface RaceReport {
  readonly id: number;
  /** deadlock/ordered: whether the worker got both locks. */
  readonly gotBoth: boolean;
  /** deadlock/ordered: the lock it took first and the one it then waited for ("A" or "B"). */
  readonly holds: string;
  readonly waitsFor: string;
}

/**
 * The worker body: waits at the start line until the main thread says go, does its part, and
 * posts a {@link RaceReport}. Self-contained: it is serialized with `Function.prototype.toString`.
 */
export function raceWorker(
  parentPort: { postMessage(message: unknown): void },
  work: RaceWork,
): void {
  const v = new Int32Array(work.shared);
  const [COUNTER, LOCK_A, LOCK_B, READY, GO, HOLDING] = [0, 1, 2, 3, 4, 5];
  const lock = (i: number) => {
    // 0 = free, 1 = taken. Sleep in the kernel while it is taken (no busy spinning).
    while (Atomics.compareExchange(v, i, 0, 1) !== 0) Atomics.wait(v, i, 1);
  };
  const unlock = (i: number) => {
    Atomics.store(v, i, 0);
    Atomics.notify(v, i, 1);
  };
  const lockWithin = (i: number, deadline: number) => {
    while (Atomics.compareExchange(v, i, 0, 1) !== 0) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(v, i, 1, left);
    }
    return true;
  };
  Atomics.add(v, READY, 1);
  Atomics.notify(v, READY);
  Atomics.wait(v, GO, 0); // the start line: every worker begins at once
  const n = work.iterations;
  let report = { id: work.id, gotBoth: false, holds: "", waitsFor: "" };
  if (work.kind === "plain") {
    for (let i = 0; i < n; i++) v[COUNTER] = (v[COUNTER] as number) + 1; // read, add, write: a race
  } else if (work.kind === "atomics") {
    for (let i = 0; i < n; i++) Atomics.add(v, COUNTER, 1); // one indivisible read-modify-write
  } else if (work.kind === "mutex") {
    for (let i = 0; i < n; i++) {
      lock(LOCK_A);
      v[COUNTER] = (v[COUNTER] as number) + 1; // only one worker at a time gets here
      unlock(LOCK_A);
    }
  } else {
    // Two locks. "deadlock": worker 0 takes A then B, worker 1 takes B then A. "ordered":
    // both take A then B, the classic fix.
    const reverse = work.kind === "deadlock" && work.id % 2 === 1;
    const [first, second] = reverse ? [LOCK_B, LOCK_A] : [LOCK_A, LOCK_B];
    const name = (i: number) => (i === LOCK_A ? "A" : "B");
    const deadline = performance.now() + work.timeoutMs;
    if (lockWithin(first, deadline)) {
      // Wait (bounded) until the other worker holds its first lock too, so the demo always
      // reaches the dangerous moment instead of depending on luck.
      Atomics.add(v, HOLDING, 1);
      Atomics.notify(v, HOLDING);
      while (work.kind === "deadlock" && Atomics.load(v, HOLDING) < 2) {
        if (performance.now() >= deadline) break;
        Atomics.wait(v, HOLDING, 1, 5);
      }
      const got = lockWithin(second, deadline);
      report = { id: work.id, gotBoth: got, holds: name(first), waitsFor: name(second) };
      if (got) unlock(second);
      unlock(first);
    } else {
      report = { id: work.id, gotBoth: false, holds: "", waitsFor: name(first) };
    }
  }
  parentPort.postMessage(report);
}
