import type { ExecutorName, OutputFormat, WriteMatrixOptions } from "@dmx/executors";
import { executorNames, outputFormats } from "@dmx/executors";
import { parseCommandArgs } from "../_args.ts";
import { UsageError } from "../_errors.ts";
import { CLUSTER_OPTIONS, type ClusterArgs, clusterHelp, parseClusterArgs } from "./_cluster.ts";

export const metrics = ["haversine", "equirectangular", "geodesic"] as const;
export const units = ["km", "m", "mi", "nmi"] as const;
export const dtypes = ["float64", "float32"] as const;

/** `dmx compute --help`. */
export const computeHelp = `Usage: dmx compute <input.csv> [options]

Computes the distance between every pair of places in a CSV (name,latitude,longitude;
a header row is optional) and writes it as pairs, a square matrix, NumPy .npy or JSON.

Options:
  --executor NAME     auto (default: shared for large inputs, else sequential),
                      ${executorNames.join(", ")}
  --threads N         workers for the parallel executors (default: CPU count)
  --metric NAME       haversine (default), equirectangular, geodesic
  --unit UNIT         km (default), m, mi, nmi
  --radius KM         sphere radius for haversine/equirectangular (default 6371.0088)
  --format FORMAT     pairs (default): origin,destination,distance rows, for each place j
                        the pairs (i, j) with i < j in input order
                      matrix: square CSV, names in the header row and first column
                      npy: NumPy .npy, condensed in SciPy pdist order (--square for n x n)
                      json: {"names", "unit", "metric", "distances"} (condensed order)
  --dtype TYPE        npy element type: float64 (default), float32
  --square            npy: n x n instead of condensed
  --header            pairs: start with an origin,destination,distance line
  --precision N       text formats: N digits after the point (default: shortest
                      text that reads back as the same double)
  --destinations FILE origins x destinations (row-major) instead of all pairs
  -o, --output PATH   output file, or - for stdout (default: output.csv/.npy/.json
                      beside the input); written to a temp file, then renamed
  --io-delay MS       simulated latency per row read and per matrix row written
                      (compare --executor sequential with --executor async)
${clusterHelp}  --quiet             no progress bar, timings or notes on stderr
  -h, --help          show this help
  -v, --version       print the version

Exit codes: 0 success, 1 failure while running, 2 bad usage or bad input.
`;

/** Parsed `dmx compute` arguments. */
export interface ComputeArgs {
  readonly help: boolean;
  readonly version: boolean;
  readonly quiet: boolean;
  readonly output: string | undefined;
  readonly options: Omit<WriteMatrixOptions, "output" | "signal" | "onProgress">;
  /** With `--cluster URL`: where and how to run on the cluster. */
  readonly cluster?: ClusterArgs | undefined;
}

function oneOf<T extends string>(
  what: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${what} must be one of ${allowed.join(", ")}; got "${value}"`);
  }
  return value as T;
}

function number(
  what: string,
  value: string | undefined,
  check: (x: number) => boolean,
  rule: string,
): number | undefined {
  if (value === undefined) return undefined;
  const x = value.trim() === "" ? Number.NaN : Number(value);
  if (!check(x)) throw new UsageError(`--${what} must be ${rule}; got "${value}"`);
  return x;
}

/** Parses and validates `dmx compute` arguments; throws {@link UsageError} on bad usage. */
export function parseComputeArgs(argv: readonly string[]): ComputeArgs {
  const parsed = parseCommandArgs(argv, COMPUTE_OPTIONS);
  const { values, positionals } = parsed;
  if (values.help || values.version) {
    return {
      help: !!values.help,
      version: !!values.version,
      quiet: true,
      output: undefined,
      options: { input: "" },
    };
  }
  if (positionals.length === 0)
    throw new UsageError("missing the input CSV (dmx compute <input.csv>; see --help)");
  if (positionals.length > 1) {
    throw new UsageError(
      `one input CSV expected; got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  const executor = oneOf<ExecutorName | "auto">("executor", values.executor, [
    "auto",
    ...executorNames,
  ]);
  const format = oneOf<OutputFormat>("format", values.format, outputFormats);
  const threads = number(
    "threads",
    values.threads,
    (x) => Number.isInteger(x) && x >= 1 && x <= 256,
    "an integer from 1 to 256",
  );
  const radius = number(
    "radius",
    values.radius,
    (x) => Number.isFinite(x) && x > 0,
    "a positive number of kilometres",
  );
  const precision = number(
    "precision",
    values.precision,
    (x) => Number.isInteger(x) && x >= 0 && x <= 100,
    "an integer from 0 to 100",
  );
  const ioDelayMs = number(
    "io-delay",
    values["io-delay"],
    (x) => Number.isFinite(x) && x >= 0,
    "a non-negative number of milliseconds",
  );
  const metric = oneOf("metric", values.metric, metrics);
  if (radius !== undefined && metric === "geodesic") {
    throw new UsageError(
      "--radius applies to haversine and equirectangular (geodesic uses the WGS84 ellipsoid)",
    );
  }
  const cluster = parseClusterArgs(values, { executor, threads, ioDelayMs });
  const output = values.output;
  if (output === "") throw new UsageError("--output needs a path, or - for stdout");
  return {
    help: false,
    version: false,
    quiet: !!values.quiet,
    output,
    cluster,
    options: {
      input: positionals[0]!,
      destinations: values.destinations,
      executor,
      threads,
      metric,
      unit: oneOf("unit", values.unit, units),
      radius,
      format,
      dtype: oneOf("dtype", values.dtype, dtypes),
      square: values.square,
      header: values.header,
      precision,
      ioDelayMs,
    },
  };
}

const COMPUTE_OPTIONS = {
  executor: { type: "string" },
  threads: { type: "string" },
  metric: { type: "string" },
  unit: { type: "string" },
  radius: { type: "string" },
  format: { type: "string" },
  dtype: { type: "string" },
  square: { type: "boolean" },
  header: { type: "boolean" },
  precision: { type: "string" },
  destinations: { type: "string" },
  output: { type: "string", short: "o" },
  quiet: { type: "boolean" },
  "io-delay": { type: "string" },
  ...CLUSTER_OPTIONS,
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;
