// `dmx compute --cluster URL`: the flags and the run, kept together (the rest of
// `dmx compute` is untouched; @dmx/cluster, and so BullMQ, loads only when --cluster is given).
import type { WriteMatrixResult } from "@dmx/executors";
import { wholeNumberOption } from "../_args.ts";
import type { CliIO } from "../_command.ts";
import { UsageError } from "../_errors.ts";
import type { ComputeArgs } from "./_options.ts";
import { formatDuration } from "./_progress.ts";

/** The options `dmx compute` gains for clusters. */
export const CLUSTER_OPTIONS = {
  cluster: { type: "string" },
  resume: { type: "string" },
  timeout: { type: "string" },
  "tile-values": { type: "string" },
} as const;

/** `dmx compute --help` lines of the cluster options. */
export const clusterHelp = `  --cluster URL       compute on the dmx workers listening on Redis at URL
                      (redis://[:password@]host[:port], rediss:// for TLS);
                      same bytes as a local run (see: dmx worker --help)
  --resume RUN_ID     with --cluster: reuse the tiles of that run still in Redis
  --timeout S         with --cluster: fail when no worker is seen for S seconds
                      (default: wait)
  --tile-values N     with --cluster: distances per tile (default: about 0.5 s of
                      one core's work, at most 4 MB of output)
`;

/** Parsed cluster options. */
export interface ClusterArgs {
  readonly url: string;
  readonly resume: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly tileValues: number | undefined;
}

/** Validates the cluster options against the rest of the command line. */
export function parseClusterArgs(
  values: { cluster?: string; resume?: string; timeout?: string; "tile-values"?: string },
  local: { executor?: unknown; threads?: unknown; ioDelayMs?: unknown },
): ClusterArgs | undefined {
  if (values.cluster === undefined) {
    if (values.resume !== undefined) throw new UsageError("--resume applies with --cluster only");
    if (values.timeout !== undefined) throw new UsageError("--timeout applies with --cluster only");
    if (values["tile-values"] !== undefined) {
      throw new UsageError("--tile-values applies with --cluster only");
    }
    return undefined;
  }
  if (values.cluster === "")
    throw new UsageError("--cluster needs a Redis URL (redis://host:port)");
  for (const [flag, value] of [
    ["--executor", local.executor],
    ["--threads", local.threads],
    ["--io-delay", local.ioDelayMs],
  ] as const) {
    if (value !== undefined) {
      throw new UsageError(
        `${flag} does not apply with --cluster (each dmx worker has its own --threads)`,
      );
    }
  }
  if (values.resume !== undefined && !/^[a-z0-9]{4,32}$/.test(values.resume)) {
    throw new UsageError(`--resume takes the run id printed at the start; got "${values.resume}"`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (values.timeout.trim() === "" || !Number.isFinite(s) || s <= 0) {
      throw new UsageError(
        `--timeout must be a positive number of seconds; got "${values.timeout}"`,
      );
    }
    timeoutMs = s * 1000;
  }
  const tileValues =
    values["tile-values"] === undefined
      ? undefined
      : wholeNumberOption("tile-values", values["tile-values"], 0, 1, 2 ** 25);
  return { url: values.cluster, resume: values.resume, timeoutMs, tileValues };
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
  let lastStatus = 0;
  const result = await submitMatrix({
    ...args.options,
    ...write,
    executor: undefined,
    threads: undefined,
    ioDelayMs: undefined,
    redis: cluster.url,
    resume: cluster.resume,
    timeoutMs: cluster.timeoutMs,
    tileValues: cluster.tileValues,
    signal: io.signal,
    log: say,
    onStart: (id) => {
      onRunId(id);
      say(`cluster run ${id} (after an interruption: add --resume ${id})`);
    },
    onStatus: (s) => {
      const now = performance.now();
      if (s.tilesDone < s.tiles && now - lastStatus < 2000) return;
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
