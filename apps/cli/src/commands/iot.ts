import type { Command } from "../_command.ts";
import { summaries } from "../_commands.ts";
import { runIot } from "../iot/_run.ts";

/**
 * `dmx iot run <wake-up|sleep|FILE>`: runs a smart-home program on simulated devices
 * (`@dmx/device-sim`), logging each step as it happens and drawing a timeline of what
 * overlapped, or `--json`. Exit 1 when a step fails, 2 for bad usage or an invalid file.
 */
export const iotCommand: Command = {
  name: "iot",
  summary: summaries.iot,
  run: (argv, io) => runIot(argv, io),
};
