import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Builds the playground's task module (src/playground/tasks.ts with @dmx/geo inlined) as one
// standalone ES module in public/workers/, which VitePress then copies into the site. Pool
// workers `import()` it by URL. Vite's `?worker` bundling would tree-shake its exports away
// (a worker entry has no importers), so the task module is built as a library entry instead.
export default defineConfig({
  logLevel: "warn",
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL("public/workers", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    lib: {
      entry: fileURLToPath(new URL("src/playground/tasks.ts", import.meta.url)),
      formats: ["es"],
      fileName: () => "playground-tasks.js",
    },
  },
});
