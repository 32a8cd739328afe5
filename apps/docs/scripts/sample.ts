// `pnpm --filter @dmx/docs run sample <topic>/<name>`: runs one sample of the course and prints
// what it printed. Every file in samples/ that a page shows exports `main()`, which runs the
// sample the way the page describes it and prints its results with console.log.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const samplesDir = fileURLToPath(new URL("../samples/", import.meta.url));

/** Every runnable sample, as `topic/name` (files that export `main`). */
export function sampleNames(): string[] {
  return readdirSync(samplesDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\\/g, "/").replace(/\.ts$/, ""))
    .sort();
}

async function run(name: string | undefined): Promise<number> {
  const names = sampleNames();
  if (name === undefined || !names.includes(name.replace(/\.ts$/, ""))) {
    const what = name === undefined ? "which sample?" : `no sample "${name}"`;
    process.stderr.write(`sample: ${what} (one of: ${names.join(", ")})\n`);
    return 2;
  }
  const module = (await import(
    pathToFileURL(`${samplesDir}${name.replace(/\.ts$/, "")}.ts`).href
  )) as {
    main?: () => unknown;
  };
  if (typeof module.main !== "function") {
    process.stderr.write(
      `sample: ${name} is a helper module (no main); run the sample that uses it\n`,
    );
    return 2;
  }
  await module.main();
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await run(process.argv[2]);
}
