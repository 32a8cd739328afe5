// The last step of scripts/bundle.mjs: runs the bundled CLI in this process on the sample
// places, then writes V8's code cache of each CommonJS file it loaded beside it
// (`_cli.cjs.v8-<V8 version>.cache`). A cache made after a run holds the functions that run
// compiled, not only the top level, so a later `dmx compute` compiles next to nothing.
// Node uses it only when its V8 is this one (src/_load-bundle.ts); any other Node compiles
// as usual (Node >= 22.1 keeps its own cache).
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

/** Output that keeps its first 4 kB (the runs' data is not needed, only their code paths). */
function sink() {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      if (stream.text.length < 4096) stream.text += String(chunk).slice(0, 4096);
      done();
    },
  });
  stream.text = "";
  return stream;
}

/**
 * The training runs: each names its arguments, the exit code it must end with and what its
 * stderr must say (the cluster one has no Redis to reach: it loads _cli-cluster.cjs, tries,
 * and exits 1 saying so).
 */
function runs(sample, work) {
  return [
    // Not --quiet: the summary lines are part of a run by default.
    { args: ["compute", sample, "-o", "-"], code: 0, stderr: /^Wrote stdout: .*\nCalc time: /m },
    {
      args: ["compute", sample, "--format", "npy", "-o", join(work, "t.npy")],
      code: 0,
      stderr: /^Wrote .*t\.npy: /m,
    },
    {
      args: ["compute", sample, "--cluster", "redis://127.0.0.1:1", "-o", join(work, "c.npy")],
      code: 1,
      stderr: /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
    },
  ];
}

/** Trains and writes the caches of the CommonJS files in `dist`. */
export async function train(dist) {
  const { codeCacheFile, loadBundle } = await import(
    pathToFileURL(join(dist, "_load-bundle.js")).href
  );
  const compiled = new Map();
  globalThis[Symbol.for("dmx.cli.recordBundles")] = compiled;
  const work = mkdtempSync(join(tmpdir(), "dmx-train-"));
  try {
    const { main } = loadBundle(join(dist, "_cli.cjs"));
    const sample = join(dist, "../../../examples/world-cities.csv");
    for (const { args, code, stderr: said } of runs(sample, work)) {
      const stdout = sink();
      const stderr = sink();
      const io = { stdout, stderr, env: {}, cwd: work, signal: new AbortController().signal };
      const got = await main(args, io);
      if (got !== code || !said.test(stderr.text)) {
        throw new Error(
          `bundle.mjs: training run \`dmx ${args.join(" ")}\` exited ${got} (expected ${code}):\n${stderr.text}`,
        );
      }
    }
  } finally {
    delete globalThis[Symbol.for("dmx.cli.recordBundles")];
    rmSync(work, { recursive: true, force: true });
  }
  // Each through a temporary name: V8 trusts a cache it accepts, so a half-written one must
  // never sit under the real name.
  for (const [file, script] of compiled) {
    const cache = codeCacheFile(file);
    writeFileSync(`${cache}.tmp`, script.createCachedData());
    renameSync(`${cache}.tmp`, cache);
  }
}
