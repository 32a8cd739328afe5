import type { Command } from "../_command.ts";

/** `dmx bench`: not implemented yet. */
export const benchCommand: Command = {
  name: "bench",
  summary: "(not implemented yet)",
  async run(_argv, io) {
    io.stderr.write("dmx bench: not implemented yet\n");
    return 1;
  },
};
