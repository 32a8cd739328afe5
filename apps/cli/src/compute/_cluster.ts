// `dmx compute --cluster URL`: the flags and the run, kept together (the rest of
// `dmx compute` is untouched; @dmx/cluster, and so BullMQ, loads only when --cluster is given).
import type { WriteMatrixResult } from "@dmx/executors";
import type { CliIO } from "../_command.ts";
import { quote, UsageError } from "../_errors.ts";
import type { OptionTable } from "../_option-table.ts";
import type { ComputeArgs } from "./_options.ts";
import { formatDuration } from "./_progress.ts";

/** The options `dmx compute` gains for clusters (entries of its option table). */
export const clusterOptions = {
  cluster: {
    type: "text",
    value: "URL",
    help: "compute on the dmx workers listening on Redis at URL (redis://[:password@]host[:port], rediss:// for TLS); same bytes as a local run (see: dmx worker --help)",
  },
  "redis-ca": {
    type: "text",
    value: "FILE",
    help: "with --cluster rediss://...: PEM file of the CA that signed the Redis server's certificate (default: Node's CAs and NODE_EXTRA_CA_CERTS)",
  },
  resume: {
    type: "text",
    value: "RUN_ID",
    help: "with --cluster: reuse the tiles of that run still in Redis",
  },
  timeout: {
    type: "number",
    value: "S",
    min: 0,
    minExclusive: true,
    max: 31_536_000,
    defaultText: "wait",
    help: "with --cluster: fail when no worker is seen for S seconds",
  },
  "tile-values": {
    type: "int",
    value: "N",
    min: 1,
    max: 2 ** 25,
    defaultText: "about 0.5 s of one core's work, at most 4 MB of output",
    help: "with --cluster: distances per tile",
  },
} as const satisfies OptionTable;

/** Parsed cluster options. */
export interface ClusterArgs {
  readonly url: string;
  readonly redisCa: string | undefined;
  readonly resume: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly tileValues: number | undefined;
}

/** Checks the cluster options against the rest of the command line (`given`: options typed). */
export function parseClusterArgs(
  values: {
    readonly cluster?: string | undefined;
    readonly "redis-ca"?: string | undefined;
    readonly resume?: string | undefined;
    readonly timeout?: number | undefined;
    readonly "tile-values"?: number | undefined;
  },
  given: ReadonlySet<string>,
): ClusterArgs | undefined {
  if (values.cluster === undefined) {
    for (const name of ["redis-ca", "resume", "timeout", "tile-values"]) {
      if (given.has(name)) throw new UsageError(`--${name} applies with --cluster only`);
    }
    return undefined;
  }
  for (const name of ["executor", "threads", "io-delay", "shard"]) {
    if (given.has(name)) {
      throw new UsageError(
        `--${name} does not apply with --cluster (each dmx worker has its own --threads)`,
      );
    }
  }
  if (values.resume !== undefined && !/^[a-z0-9]{4,32}$/.test(values.resume)) {
    throw new UsageError(
      `--resume takes the run id printed at the start; got ${quote(values.resume)}`,
    );
  }
  if (values["redis-ca"] !== undefined && !values.cluster.startsWith("rediss://")) {
    throw new UsageError("--redis-ca applies to rediss:// (TLS) URLs only");
  }
  return {
    url: values.cluster,
    redisCa: values["redis-ca"],
    resume: values.resume,
    timeoutMs: values.timeout === undefined ? undefined : values.timeout * 1000,
    tileValues: values["tile-values"],
  };
}

/** Runs `dmx compute` on the cluster; the caller reports the result and errors as usual. */
export async function runOnCluster(
  args: ComputeArgs,
  cluster: ClusterArgs,
  write: Pick<
    Parameters<typeof import("@dmx/cluster").submitMatrix>[0],
    "input" | "destinations" | "output"
  >,
  io: CliIO,
  onRunId: (id: string) => void,
): Promise<WriteMatrixResult> {
  const { submitMatrix } = await import("@dmx/cluster");
  const say = (line: string) => {
    if (!args.quiet) io.stderr.write(`dmx compute: ${line}\n`);
  };
  let lastMoved = "";
  let lastStatus = 0;
  const result = await submitMatrix({
    ...args.options,
    ...write,
    executor: undefined,
    threads: undefined,
    ioDelayMs: undefined,
    redis: cluster.url,
    redisCa: cluster.redisCa,
    resume: cluster.resume,
    timeoutMs: cluster.timeoutMs,
    tileValues: cluster.tileValues,
    signal: io.signal,
    log: say,
    // As a local run: e.g. that a temp file of a killed run was removed (even with --quiet).
    onWarning: (message: string) => io.stderr.write(`dmx compute: ${message}\n`),
    onStart: (id) => {
      onRunId(id);
      say(`cluster run ${id} (after an interruption: add --resume ${id})`);
    },
    onStatus: (s) => {
      const now = performance.now();
      if (s.tilesDone < s.tiles && now - lastStatus < 2000) return;
      // While nothing moves (e.g. waiting for workers), repeat the line every 30 s, not 2 s.
      const moved = `${s.tilesDone}/${s.workers}`;
      if (s.tilesDone < s.tiles && moved === lastMoved && now - lastStatus < 30_000) return;
      lastMoved = moved;
      lastStatus = now;
      const eta = s.etaMs === undefined ? "?" : formatDuration(s.etaMs);
      say(
        `${s.tilesDone}/${s.tiles} tiles, ${Math.round(s.valuesPerSecond).toLocaleString("en-US")} pairs/s, ${s.workers} worker${s.workers === 1 ? "" : "s"} seen, ETA ${eta}`,
      );
    },
  } as Parameters<typeof submitMatrix>[0]);
  if (result.resumedTiles > 0) say(`resumed: ${result.resumedTiles} tiles were already in Redis`);
  return result;
}
