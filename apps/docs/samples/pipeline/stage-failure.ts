// When one stage of a pipeline fails, the others must hear about it: a reader blocked on a
// full queue would otherwise wait forever. `AsyncQueue.fail` ends both sides with the error.
import { AsyncQueue } from "@dmx/executors";

/** A reader feeding a calculator that fails on row 3; `propagate` decides if the queue is failed. */
export async function stageFailure(propagate: boolean): Promise<string> {
  const rows = new AsyncQueue<number>(2);
  const reader = (async () => {
    for (let row = 1; row <= 100; row++) await rows.push(row); // waits while the queue is full
    rows.close();
  })();
  const calculator = (async () => {
    for await (const row of rows) if (row === 3) throw new Error(`bad row ${row}`);
  })();
  const failed = await calculator.then(
    () => "",
    (error: Error) => error.message,
  );
  if (propagate) rows.fail(new Error(`calculator: ${failed}`));
  const outcome = await Promise.race([
    reader.then(
      () => "reader finished",
      (error: Error) => `reader stopped: ${error.message}`,
    ),
    new Promise<string>((resolve) =>
      setTimeout(() => resolve("reader still waiting after 200 ms"), 200),
    ),
  ]);
  return `calculator failed (${failed}); ${outcome}`;
}

/** `pnpm --filter @dmx/docs run sample pipeline/stage-failure` */
export async function main(): Promise<void> {
  console.log(`error not passed on: ${await stageFailure(false)}`);
  console.log(`queue failed:        ${await stageFailure(true)}`);
}
