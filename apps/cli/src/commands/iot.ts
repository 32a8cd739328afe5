import type { Command } from "../_command.ts";

/** `dmx iot`: not implemented yet. */
export const iotCommand: Command = {
  name: "iot",
  summary: "(not implemented yet)",
  async run(_argv, io) {
    io.stderr.write("dmx iot: not implemented yet\n");
    return 1;
  },
};
