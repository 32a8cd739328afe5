import type { Command } from "../_command.ts";

/** `dmx compute`: not implemented yet. */
export const computeCommand: Command = {
  name: "compute",
  summary: "(not implemented yet)",
  async run(_argv, io) {
    io.stderr.write("dmx compute: not implemented yet\n");
    return 1;
  },
};
