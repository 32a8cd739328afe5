// The `dmx` the bench runs: the file apps/cli/package.json names as its bin, which is what
// `dmx` runs once the package is installed (not `dist/bin.js`, kept for `node dist/bin.js`).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../../../apps/cli/", import.meta.url);
const { bin } = JSON.parse(readFileSync(new URL("package.json", cli), "utf8"));

/** Absolute path of the built `dmx` bin. */
export const dmxBin = fileURLToPath(new URL(bin.dmx, cli));
