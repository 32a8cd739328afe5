import { dmxVitestConfig } from "@dmx/vitest-config";

// Samples run in Node; the browser suite drives Chromium against the built site and needs
// more time per test than the preset's default. One file at a time: the machine has 2 cores.
export default dmxVitestConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    coverage: { include: ["src/**/*.ts", "samples/**/*.ts"] },
  },
});
