import { dmxVitestConfig } from "@dmx/vitest-config";

export default dmxVitestConfig();
