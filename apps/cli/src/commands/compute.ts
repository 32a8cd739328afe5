import type { Command } from "../_command.ts";
import { runCompute } from "../compute/_run.ts";

/** `dmx compute`: the distance matrix of a CSV of places, in any format, with any executor. */
export const computeCommand: Command = {
  name: "compute",
  summary: "distance matrix of a CSV of places (pairs, matrix, npy, json; any executor)",
  run: runCompute,
};
