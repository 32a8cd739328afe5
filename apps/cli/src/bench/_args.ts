import { executorNames, MAX_THREADS } from "@dmx/executors";
import { METRICS, type MetricName } from "@dmx/geo";
import { commonOptions } from "../_common-options.ts";
import { quote, UsageError } from "../_errors.ts";
import type { CommandSpec, OptionTable } from "../_option-table.ts";
import { parseOptions } from "../_parse-options.ts";

/** What `dmx bench` was asked to do, validated. */
export interface BenchOptions {
  /** Executor names in the order given (default: all, in the package's order). */
  readonly executors: readonly string[] | undefined;
  /** Input sizes (number of places), ascending. */
  readonly sizes: readonly number[];
  /** Worker threads for the parallel executors (default: number of cores). */
  readonly threads: number | undefined;
  /** Timed runs per executor and size (the median is reported). */
  readonly repeat: number;
  /** Untimed runs before timing. */
  readonly warmup: number;
  /** Distance metric of the kernel (default haversine; geodesic is ~250x the work per pair). */
  readonly metric: MetricName;
  /** Seed of the generated inputs. */
  readonly seed: number;
  /** Skip a cell whose estimated time exceeds this many seconds. */
  readonly maxSeconds: number;
  /** Write the results as JSON instead of the table. */
  readonly json: boolean;
  /** `-o` as given: where the table or JSON goes (`undefined` or `-`: stdout). */
  readonly output: string | undefined;
  readonly chart: string | undefined;
  readonly quiet: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** The sizes `dmx bench` runs when `--sizes` is not given. */
export const DEFAULT_SIZES = [100, 1000, 5000, 10_000] as const;

/** `dmx bench`'s options: the one table its parsing, validation and `--help` come from. */
const benchOptions = {
  executors: {
    type: "list",
    short: "e",
    value: "LIST",
    of: "text",
    defaultText: "all",
    help: `comma-separated executors: ${executorNames.join(", ")}`,
  },
  sizes: {
    type: "list",
    short: "s",
    value: "LIST",
    of: "int",
    min: 2,
    max: 1_000_000,
    default: DEFAULT_SIZES,
    help: "numbers of places",
  },
  threads: {
    type: "int",
    short: "t",
    value: "N",
    min: 1,
    max: MAX_THREADS,
    defaultText: "number of cores",
    help: "workers for the parallel executors",
  },
  repeat: {
    type: "int",
    short: "r",
    value: "N",
    min: 1,
    max: 1000,
    default: 5,
    help: "timed runs per executor and size; the median is reported",
  },
  warmup: { type: "int", value: "N", min: 0, max: 100, default: 1, help: "untimed runs first" },
  metric: {
    type: "choice",
    short: "m",
    value: "NAME",
    choices: METRICS,
    default: "haversine",
    help: "geodesic (Karney) is about 250 times the work per pair: where parallelism pays",
  },
  seed: {
    type: "int",
    value: "N",
    min: 0,
    max: 2 ** 32 - 1,
    default: 42,
    help: "seed of the generated places",
  },
  "max-seconds": {
    type: "int",
    value: "S",
    min: 1,
    max: 86_400,
    default: 30,
    help: "skip a size when the executor's estimated time for it, judged from the previous size, exceeds S seconds",
  },
  chart: {
    type: "text",
    value: "PATH",
    help: "write an SVG chart of ns per pair by size and executor",
  },
  ...commonOptions({
    output: "stdout",
    json: '{"command", "machine", "settings", "results": [{"executor", "n", "pairs", "threads", "calcMs", "nsPerPair"}], "notes"}; the table then goes to stdout with -o FILE, else to stderr (not with -q)',
    quiet: "progress lines",
  }),
} as const satisfies OptionTable;

/** `dmx bench` for help and errors. */
export const benchSpec: CommandSpec<typeof benchOptions> = {
  name: "bench",
  usage: "dmx bench [options]",
  about: `Runs executors side by side on generated inputs of growing size and reports the compute
phase (computeMatrix: condensed matrix into memory, no file output). Fair by design: at
each size every executor first gets --warmup untimed runs, then --repeat timed rounds in
which the executors take turns in an order rotated by one each round, so none always runs
first on a cool machine; the median and the spread (slowest - fastest run, relative to the
median) are reported. Each executor is created once and reused, so its workers stay warm.
Inputs are random places from a seeded generator: the same seed gives the same numbers.`,
  options: benchOptions,
  footer: `Columns: calc ms = median compute phase; ns/pair = calc ms / pairs; vs sequential =
sequential's calc ms / this calc ms at the same size.`,
};

/** Parses the words after `dmx bench`; bad usage throws {@link UsageError}. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values: v, positionals } = parseOptions(benchSpec, argv);
  if (positionals.length > 0 && !v.help) {
    const i = argv.indexOf(positionals[0]!);
    const hint =
      argv[i - 1] === "--json" ? ` (--json takes no value: --json -o ${positionals[0]})` : "";
    throw new UsageError(`unexpected argument ${quote(positionals[0]!)}${hint}`);
  }
  return {
    metric: v.metric,
    executors: v.executors === undefined ? undefined : [...new Set(v.executors)],
    sizes: [...new Set(v.sizes)].sort((a, b) => a - b),
    threads: v.threads,
    repeat: v.repeat,
    warmup: v.warmup,
    seed: v.seed,
    maxSeconds: v["max-seconds"],
    json: v.json,
    output: v.output,
    chart: v.chart,
    quiet: v.quiet,
    help: v.help,
    version: v.version,
  };
}
