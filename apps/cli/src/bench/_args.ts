import { parseArgs } from "node:util";
import { METRICS, type MetricName } from "@dmx/geo";
import { UsageError } from "../_errors.ts";

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
  readonly json: string | undefined;
  readonly chart: string | undefined;
  readonly quiet: boolean;
  readonly help: boolean;
}

/** The sizes `dmx bench` runs when `--sizes` is not given. */
export const DEFAULT_SIZES = [100, 1000, 5000, 10_000] as const;

function whole(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** Parses the words after `dmx bench`; bad usage throws {@link UsageError}. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const list = (name: string, s: string) => {
    const items = s.split(",").map((x) => x.trim());
    if (items.some((x) => x === "")) throw new UsageError(`--${name}: empty item in "${s}"`);
    return items;
  };
  const sizes =
    v.sizes === undefined
      ? [...DEFAULT_SIZES]
      : [...new Set(list("sizes", v.sizes).map((s) => whole("sizes", s, 2, 1_000_000)))].sort(
          (a, b) => a - b,
        );
  const metric = (v.metric ?? "haversine") as MetricName;
  if (!METRICS.includes(metric)) {
    throw new UsageError(`--metric must be one of ${METRICS.join(", ")}, got "${v.metric}"`);
  }
  return {
    metric,
    executors: v.executors === undefined ? undefined : [...new Set(list("executors", v.executors))],
    sizes,
    threads: v.threads === undefined ? undefined : whole("threads", v.threads, 1, 256),
    repeat: v.repeat === undefined ? 5 : whole("repeat", v.repeat, 1, 1000),
    warmup: v.warmup === undefined ? 1 : whole("warmup", v.warmup, 0, 100),
    seed: v.seed === undefined ? 42 : whole("seed", v.seed, 0, 2 ** 32 - 1),
    maxSeconds:
      v["max-seconds"] === undefined ? 30 : whole("max-seconds", v["max-seconds"], 1, 86_400),
    json: v.json,
    chart: v.chart,
    quiet: v.quiet ?? false,
    help: v.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      executors: { type: "string", short: "e" },
      sizes: { type: "string", short: "s" },
      threads: { type: "string", short: "t" },
      repeat: { type: "string", short: "r" },
      warmup: { type: "string" },
      seed: { type: "string" },
      metric: { type: "string", short: "m" },
      "max-seconds": { type: "string" },
      json: { type: "string" },
      chart: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
  });
}
