// Target 1, JS side: the executor's compute phase, in memory, through @dmx/executors' API.
export async function runKernelJs() {
  return { error: "@dmx/executors has no computeMatrix yet" };
}
