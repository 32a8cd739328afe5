// What crosses a thread or process boundary: copies (structured clone), moves (transfer),
// or nothing at all (shared memory).

/** Structured clone copies data, including Maps, Dates and typed arrays, but not functions. */
export function cloneExamples(): { copied: boolean; mapSize: number; functionError: string } {
  const original = {
    when: new Date(0),
    seen: new Map([["boston", 1]]),
    xs: new Float64Array([1, 2]),
  };
  const copy = structuredClone(original);
  copy.xs[0] = 99; // changes the copy only
  let functionError = "";
  try {
    structuredClone({ f: () => 1 });
  } catch (error) {
    functionError = (error as Error).name; // "DataCloneError"
  }
  return {
    copied: original.xs[0] === 1 && copy.when.getTime() === 0,
    mapSize: copy.seen.size,
    functionError,
  };
}

/** Transferring an ArrayBuffer moves it: the sender's view becomes empty (detached). */
export function transferExample(): { before: number; afterSender: number; afterReceiver: number } {
  const buffer = new Float64Array(1_000).buffer;
  const before = buffer.byteLength;
  const moved = structuredClone(buffer, { transfer: [buffer] });
  return { before, afterSender: buffer.byteLength, afterReceiver: moved.byteLength };
}

/** `pnpm --filter @dmx/docs run sample processes/structured-clone` */
export async function main(): Promise<void> {
  console.log("clone:", JSON.stringify(cloneExamples()));
  console.log("transfer:", JSON.stringify(transferExample()));
}
