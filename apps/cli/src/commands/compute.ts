import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { runCompute } from "../compute/_run.ts";

/** `dmx compute`: the distance matrix of a CSV of places, in any format, with any executor. */
export const computeCommand: Command = {
  name: "compute",
  summary: summaries.compute,
  run: runCompute,
};
