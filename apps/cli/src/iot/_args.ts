import { decimalOption, parseCommandArgs, wholeNumberOption } from "../_args.ts";
import { UsageError } from "../_errors.ts";

/** `dmx iot --help`. */
export const IOT_HELP = `Usage: dmx iot run <wake-up|sleep|FILE> [options]

Runs a smart-home program on simulated devices and shows what happened when: a log line as
each step starts and ends (stderr), then a timeline of what overlapped (stdout).

Programs:
  wake-up   light and speaker on in parallel, then play a song (2 latencies)
  sleep     in parallel: light off, speaker off, toilet flush then clean (2 latencies)
  FILE      a JSON program: {"sequence": [...]}, {"parallel": [...]} or a message
            {"device": "light", "type": "CHANGE_COLOR", "data": "red"}, nested at will
            (a file named like a built-in program: write ./sleep)

Devices (ids for JSON programs; only those a program uses are connected):
  light       hue light     SWITCH_ON, SWITCH_OFF, CHANGE_COLOR (data: colour)
  speaker     smart speaker SWITCH_ON, SWITCH_OFF, PLAY_SONG (data: song)
  toilet      smart toilet  FLUSH, CLEAN
  thermostat  thermostat    SWITCH_ON (data: optional target 5-30 °C), SWITCH_OFF
  lock        door lock     OPEN, CLOSE

Options:
  --latency MS     time each connect and message takes (default 500)
  --jitter MS      each wait varies by up to +/- MS (default 0)
  --fail-rate P    probability in [0, 1] that a message fails (default 0)
  --seed N         seed for jitter and failures: same seed, same run (default 1)
  --timeout MS     a message taking longer fails (default: none)
  --retries N      retry a failed message N times, backoff 100 ms doubling (default 0)
  --json           print {"totalMs", "steps": [{"device", "type", "startMs", "endMs", "ok",
                   "error"?}], ...} instead of the timeline
  -q, --quiet      no log lines on stderr
  -h, --help       show this help

Exit codes: 0 every step succeeded, 1 a step failed (failures listed on stderr),
2 bad usage or an invalid program file.
`;

/** Parsed `dmx iot run` arguments. */
export interface IotRunArgs {
  readonly program: string;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly timeoutMs: number | undefined;
  readonly retries: number;
  readonly json: boolean;
  readonly quiet: boolean;
}

/** What the words after `dmx iot` ask for. */
export type IotRequest = { readonly help: true } | ({ readonly help: false } & IotRunArgs);

/** Parses the words after `dmx iot`; throws {@link UsageError} (exit 2) on bad usage. */
export function parseIotArgs(argv: readonly string[]): IotRequest {
  const parsed = parseCommandArgs(argv, IOT_OPTIONS, " (see dmx iot --help)");
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [sub, program, ...extra] = positionals;
  if (sub === undefined) throw new UsageError(`missing subcommand\n\n${IOT_HELP}`);
  if (sub !== "run") throw new UsageError(`unknown subcommand "${sub}" (known: run)`);
  if (program === undefined) throw new UsageError("run what? wake-up, sleep, or a JSON file");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const timeout = values.timeout;
  const timeoutMs =
    timeout === undefined ? undefined : decimalOption("timeout", timeout, 0, 0, 3_600_000);
  if (timeoutMs === 0) throw new UsageError('--timeout must be above 0 ms, got "0"');
  return {
    help: false,
    program,
    latencyMs: decimalOption("latency", values.latency, 500, 0, 3_600_000),
    jitterMs: decimalOption("jitter", values.jitter, 0, 0, 3_600_000),
    failureRate: decimalOption("fail-rate", values["fail-rate"], 0, 0, 1),
    seed: wholeNumberOption("seed", values.seed, 1, 0, Number.MAX_SAFE_INTEGER),
    timeoutMs,
    retries: wholeNumberOption("retries", values.retries, 0, 0, 100),
    json: values.json ?? false,
    quiet: values.quiet ?? false,
  };
}

const IOT_OPTIONS = {
  latency: { type: "string" },
  jitter: { type: "string" },
  "fail-rate": { type: "string" },
  seed: { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;
