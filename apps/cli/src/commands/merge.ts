import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { runMerge } from "../merge/_run.ts";

/** `dmx merge`: assembles the part files of `dmx compute --shard k/K` into the whole output. */
export const mergeCommand: Command = {
  name: "merge",
  summary: summaries.merge,
  run: runMerge,
};
