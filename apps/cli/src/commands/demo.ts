import type { Command } from "../_command.ts";

/** `dmx demo`: not implemented yet. */
export const demoCommand: Command = {
  name: "demo",
  summary: "(not implemented yet)",
  async run(_argv, io) {
    io.stderr.write("dmx demo: not implemented yet\n");
    return 1;
  },
};
