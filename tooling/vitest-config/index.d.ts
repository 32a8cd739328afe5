import type { ViteUserConfig } from "vitest/config";
/** The shared Vitest preset; `overrides` are merged over it. */
export declare function dmxVitestConfig(overrides?: ViteUserConfig): ViteUserConfig;
