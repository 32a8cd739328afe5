// Concurrency on one thread: two tasks take turns whenever one of them waits.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs two "downloads" concurrently and returns the order in which things happened. */
export async function interleave(): Promise<string[]> {
  const log: string[] = [];
  async function download(name: string, ms: number): Promise<void> {
    log.push(`${name} starts`);
    await sleep(ms); // the thread is free here: the other task runs
    log.push(`${name} done`);
  }
  await Promise.all([download("A", 40), download("B", 10)]);
  return log; // [ "A starts", "B starts", "B done", "A done" ]
}

/** `pnpm --filter @dmx/docs run sample concepts/interleave` */
export async function main(): Promise<void> {
  for (const line of await interleave()) console.log(line);
}
