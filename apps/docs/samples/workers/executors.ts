// The same matrix through different executors: only the scheduling differs, never the numbers.
import { computeMatrix, type ExecutorName } from "@dmx/executors";
import { parseLocations } from "@dmx/geo";

const csv = `name,latitude,longitude
ann arbor,42.279594,-83.732124
pleasant grove,40.364118,-111.738540
boston,42.360081,-71.058884
`;

/** Runs the 3-city matrix with each executor and returns what each computed and how long it took. */
export async function compareExecutors(
  names: readonly ExecutorName[] = ["sequential", "worker-per-task", "thread-pool", "workerpool"],
): Promise<{ executor: ExecutorName; km: number[]; ms: number }[]> {
  const table = parseLocations(csv, { source: "3 cities" });
  const rows = [];
  for (const executor of names) {
    const start = performance.now();
    const distances = await computeMatrix({ origins: table }, { executor, threads: 2 });
    rows.push({ executor, km: Array.from(distances), ms: performance.now() - start });
  }
  return rows;
}

/** `pnpm --filter @dmx/docs run sample workers/executors` */
export async function main(): Promise<void> {
  for (const row of await compareExecutors()) {
    console.log(`${row.executor.padEnd(16)} ${row.km.join(", ")}`);
  }
}
