import type { Command } from "./_command.ts";

/** One line per subcommand for `dmx --help`; each command module uses its own line. */
export const summaries = {
  compute: "distance matrix of a CSV of places (pairs, matrix, npy, json; any executor)",
  merge: "assemble the part files of `dmx compute --shard k/K` into the whole output",
  bench: "benchmark executors on generated inputs: table, --json, --chart SVG",
  iot: "run smart-home programs on simulated devices, with a timeline (dmx iot --help)",
  demo: "teaching demos: `dmx demo event-loop` (sleeps vs busy loops vs workers), `dmx demo race` (lost updates, Atomics, mutex, deadlock)",
  worker: "compute tiles of `dmx compute --cluster` runs from Redis (dmx worker --help)",
} as const;

/** A subcommand as `dmx --help` lists it; `load` imports its module only when it runs. */
export interface CommandEntry {
  readonly name: keyof typeof summaries;
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * Every subcommand, in `--help` order. Modules load on demand, so `dmx --version` and
 * `dmx --help` load none of them, and `dmx compute` loads neither the IoT simulator nor the
 * benchmark's executors it does not use.
 */
export const commands: readonly CommandEntry[] = [
  {
    name: "compute",
    summary: summaries.compute,
    load: async () => (await import("./commands/compute.ts")).computeCommand,
  },
  {
    name: "merge",
    summary: summaries.merge,
    load: async () => (await import("./commands/merge.ts")).mergeCommand,
  },
  {
    name: "bench",
    summary: summaries.bench,
    load: async () => (await import("./commands/bench.ts")).benchCommand,
  },
  {
    name: "iot",
    summary: summaries.iot,
    load: async () => (await import("./commands/iot.ts")).iotCommand,
  },
  {
    name: "demo",
    summary: summaries.demo,
    load: async () => (await import("./commands/demo.ts")).demoCommand,
  },
  {
    name: "worker",
    summary: summaries.worker,
    load: async () => (await import("./commands/worker.ts")).workerCommand,
  },
];
