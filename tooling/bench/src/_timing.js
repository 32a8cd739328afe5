// Measuring compared commands for run.js: each runs once first (success check, peak RSS),
// then all are timed side by side, optionally again with NODE_EXTRA_CA_CERTS as found.
import { rmSync } from "node:fs";
import { caEnv } from "./_env.js";
import { median, runOnce, shellLine, timeSideBySide } from "./_proc.js";
import { ms } from "./_table.js";

/**
 * The measuring helpers of one bench run: `tools` from detectTools, `runs`/`warmup` per
 * timed command, `work` the temporary folder (shown as $TMP), `log` one stderr line.
 */
export function timing({ tools, runs, warmup, work, log }) {
  /** The output file of a command line: after `-o`, else the last argument (the Python scripts). */
  const outputOf = (argv) => (argv.includes("-o") ? argv[argv.indexOf("-o") + 1] : argv.at(-1));

  /**
   * Runs a command once: checks that it succeeds and measures its peak RSS. `fresh` is its
   * output file, removed before every run (`null`: none, e.g. stdout).
   */
  async function measure(label, argv, fresh = outputOf(argv)) {
    log(`${label}: ${shellLine(argv.map((a) => a.replace(work, "$TMP")))}`);
    if (fresh) rmSync(fresh, { force: true });
    const once = await runOnce(argv, tools);
    if (!once.ok)
      return {
        label,
        argv,
        fresh,
        error: `exit ${once.code}: ${once.stderr.split("\n").slice(-3).join(" / ")}`,
      };
    return {
      label,
      argv,
      fresh,
      maxRssKb: once.maxRssKb,
      rssTool: once.rssTool,
      onceMs: once.wallMs,
    };
  }

  /**
   * The same Node command with NODE_EXTRA_CA_CERTS as this machine has it (`caEnv`), timed in
   * the same rounds as the rest; `undefined` when the variable is not set here.
   */
  const withCa = (r) =>
    caEnv && !r.error
      ? { label: `${r.label}, CA certs`, argv: r.argv, fresh: r.fresh, env: caEnv }
      : undefined;

  /**
   * Times measured commands against each other, side by side (timeSideBySide: alternating,
   * median of `runs`); adds medianMs, minMs and runsMs to each. Needs them all to have run.
   * `undefined` entries (a missing `withCa`) are skipped.
   */
  async function timeTogether(...given) {
    const results = given.filter(Boolean);
    if (results.some((r) => r.error)) return;
    try {
      const times = await timeSideBySide(
        results.map((r) => r.argv),
        tools,
        { runs, warmup, fresh: results.map((r) => r.fresh), envs: results.map((r) => r.env) },
      );
      for (const [i, r] of results.entries()) Object.assign(r, times[i]);
    } catch (error) {
      for (const r of results) r.error = String(error.message ?? error);
    }
  }

  /**
   * The last column: the target measured again with NODE_EXTRA_CA_CERTS set (`ratioText`),
   * and what the variable adds to the dmx command (`dmxCa` minus `dmx`, medians of the same
   * rounds).
   */
  function caCell(ratioText, dmxCa, dmx) {
    if (!caEnv) return "n/a (not set here)";
    if (dmxCa?.medianMs === undefined) return "n/a";
    const cost = dmxCa.medianMs - dmx.medianMs;
    return `${ratioText}; dmx ${ms(dmxCa.medianMs)}, ${cost < 0 ? "-" : "+"}${ms(Math.abs(cost))} with it`;
  }

  /**
   * Runs `argv` alone and twice at once (the second copy writing `otherOut`), `runs` rounds in
   * alternating order; returns the medians and 2 x alone / at-once (the throughput two busy
   * cores give this job on this machine).
   */
  async function pairCeiling(argv, otherOut) {
    const other = argv.map((a) => (a === outputOf(argv) ? otherOut : a));
    const alone = [];
    const both = [];
    const once = async () => (await runOnce(argv, tools, { noGnuTime: true })).wallMs;
    const pair = async () => {
      const t0 = performance.now();
      await Promise.all([once(), runOnce(other, tools, { noGnuTime: true })]);
      return performance.now() - t0;
    };
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        alone.push(await once());
        both.push(await pair());
      } else {
        both.push(await pair());
        alone.push(await once());
      }
    }
    rmSync(otherOut, { force: true });
    return { aloneMs: alone, bothMs: both, ratio: (2 * median(alone)) / median(both) };
  }

  return { outputOf, measure, withCa, timeTogether, caCell, pairCeiling };
}
