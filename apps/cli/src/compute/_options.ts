import type { ShardSpec, WriteMatrixOptions } from "@dmx/executors";
import { dtypes, executorNames, MAX_SHARDS, MAX_THREADS, outputFormats } from "@dmx/executors";
import { EARTH_MEAN_RADIUS_KM, METRICS, UNITS } from "@dmx/geo";
import { commonOptions } from "../_common-options.ts";
import { UsageError } from "../_errors.ts";
import type { CommandSpec, OptionTable, OptionValues } from "../_option-table.ts";
import { parseOptions } from "../_parse-options.ts";
import { type ClusterArgs, clusterOptions, parseClusterArgs } from "./_cluster.ts";

/** `dmx compute`'s options: the one table its parsing, validation and `--help` come from. */
export const computeOptions = {
  executor: {
    type: "choice",
    short: "e",
    value: "NAME",
    choices: ["auto", ...executorNames],
    default: "auto",
    help: "how to run it; auto = shared for large inputs, else sequential",
  },
  threads: {
    type: "int",
    short: "t",
    value: "N",
    min: 1,
    max: MAX_THREADS,
    defaultText: "CPU count",
    help: "workers for the parallel executors",
  },
  metric: { type: "choice", value: "NAME", choices: METRICS, default: "haversine", help: "metric" },
  unit: { type: "choice", value: "UNIT", choices: UNITS, default: "km", help: "unit" },
  radius: {
    type: "number",
    value: "KM",
    min: 0,
    minExclusive: true,
    max: Number.POSITIVE_INFINITY,
    defaultText: String(EARTH_MEAN_RADIUS_KM),
    help: "sphere radius for haversine and equirectangular",
  },
  format: {
    type: "choice",
    short: "f",
    value: "FORMAT",
    choices: outputFormats,
    default: "pairs",
    help: "what to write",
    details: [
      "pairs: origin,destination,distance; for each j, (i, j) for every i < j",
      "matrix: square CSV, names in the header row and first column",
      "npy: NumPy .npy, condensed: for each i, (i, j) for every j > i",
      'json: {"names", "unit", "metric", "distances"}, condensed like npy',
      "Two orders: pairs match the Python workshop, npy and json SciPy's pdist.",
    ],
  },
  dtype: {
    type: "choice",
    value: "TYPE",
    choices: dtypes,
    defaultText: dtypes[0],
    help: "npy type",
  },
  square: { type: "flag", help: "npy: an n x n matrix instead of condensed" },
  "header-row": { type: "flag", help: "pairs: start with an origin,destination,distance line" },
  header: {
    type: "flag",
    help: "the input's first row is a header (default: guessed; a header only when its coordinates hold no digit: name,lat,lon)",
  },
  "no-header": { type: "flag", help: "the input's first row is data" },
  "excel-safe": {
    type: "flag",
    help: "pairs, matrix: prefix names that start with = + - @ (or a tab or CR) with ', so a spreadsheet shows them instead of running them as formulas; without it names are written as they are, which is right for data files read by programs",
  },
  precision: {
    type: "int",
    value: "N",
    min: 0,
    max: 100,
    defaultText: "shortest text that reads back as the same double",
    help: "text formats: N digits after the point",
  },
  destinations: {
    type: "text",
    value: "FILE",
    help: "origins x destinations (row-major) instead of all pairs",
  },
  "io-delay": {
    type: "number",
    value: "MS",
    min: 0,
    max: 3_600_000,
    default: 0,
    help: "simulated latency per row read and per row written (try sequential vs async)",
  },
  shard: {
    type: "text",
    value: "k/K",
    help: "compute only slice k of K (1-based: 1/4 .. 4/4), balanced by pair count, into a part file (default output-k-of-K.<ext>); dmx merge assembles the parts",
  },
  ...clusterOptions,
  ...commonOptions({
    output:
      "output.csv/.npy/.json beside the input; an existing one is replaced, with a note on stderr",
    json: "the same as --format json",
    quiet: "progress bar, timings or notes",
  }),
} as const satisfies OptionTable;

/** `dmx compute` for help and errors. */
export const computeSpec: CommandSpec<typeof computeOptions> = {
  name: "compute",
  usage: "dmx compute <input.csv> [options]",
  about: `Computes the distance between every pair of places in a CSV (name,latitude,longitude;
a header row is optional) and writes it as pairs, a square matrix, NumPy .npy or JSON.
Relative paths are read from the directory you ran the command in.`,
  options: computeOptions,
  footer: "Exit codes: 0 success, 1 failure while running, 2 bad usage or bad input.",
};

/** Parsed `dmx compute` arguments, ready for `writeMatrix`. */
export interface ComputeArgs {
  readonly help: false;
  readonly quiet: boolean;
  /** `-o` as given: a path, `-` for stdout, or `undefined` for the default file. */
  readonly output: string | undefined;
  /** With `--cluster URL`: where and how to run on the cluster. */
  readonly cluster?: ClusterArgs | undefined;
  /** `--shard k/K`: write only that slice, as a part file. */
  readonly shard?: ShardSpec | undefined;
  readonly options: Omit<WriteMatrixOptions, "output" | "signal" | "onProgress" | "slice"> & {
    readonly input: string;
  };
}

/** Parses `--shard k/K` (1-based: 1 <= k <= K <= MAX_SHARDS). */
export function parseShard(value: string | undefined): ShardSpec | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{1,7})\/(\d{1,7})$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(
      `--shard must be k/K with 1 <= k <= K <= ${MAX_SHARDS} (k is 1-based: 1/4 .. 4/4); got "${value}"`,
    );
  }
  return { index, count };
}

/** `--header` / `--no-header`: the input's first row is a header / is data / guessed. */
function inputHeader(header: boolean, noHeader: boolean): boolean | undefined {
  if (header && noHeader) throw new UsageError("--header and --no-header contradict each other");
  return header ? true : noHeader ? false : undefined;
}

/** What the words after `dmx compute` ask for: help/version, or a computation. */
export type ComputeRequest =
  | { readonly help: true; readonly values: OptionValues<typeof computeOptions> }
  | ComputeArgs;

/** Parses and validates `dmx compute` arguments; throws {@link UsageError} on bad usage. */
export function parseComputeArgs(argv: readonly string[]): ComputeRequest {
  const { values, positionals, given } = parseOptions(computeSpec, argv);
  if (values.help || values.version) return { help: true, values };
  if (positionals.length === 0) {
    throw new UsageError("missing the input CSV (dmx compute <input.csv>; see dmx compute --help)");
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `one input CSV expected; got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  if (values.json && given.has("format") && values.format !== "json") {
    throw new UsageError(
      `--json writes JSON; it cannot be combined with --format ${values.format}`,
    );
  }
  if (values.radius !== undefined && values.metric === "geodesic") {
    throw new UsageError(
      "--radius applies to haversine and equirectangular (geodesic uses the WGS84 ellipsoid)",
    );
  }
  return {
    help: false,
    quiet: values.quiet,
    output: values.output,
    shard: parseShard(values.shard),
    cluster: parseClusterArgs(values, given),
    options: {
      input: positionals[0]!,
      destinations: values.destinations,
      executor: values.executor,
      threads: values.threads,
      metric: values.metric,
      unit: values.unit,
      radius: values.radius,
      format: values.json ? "json" : values.format,
      dtype: values.dtype,
      square: values.square,
      header: values["header-row"],
      inputHeader: inputHeader(values.header, values["no-header"]),
      excelSafe: values["excel-safe"],
      precision: values.precision,
      ioDelayMs: values["io-delay"],
    },
  };
}
