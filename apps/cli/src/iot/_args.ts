import { commonOptions } from "../_common-options.ts";
import { quote, UsageError } from "../_errors.ts";
import type { CommandSpec, OptionTable } from "../_option-table.ts";
import { expectWord, parseOptions } from "../_parse-options.ts";

const HOUR_MS = 3_600_000;

/** `dmx iot run`'s options: the one table its parsing, validation and `--help` come from. */
export const iotOptions = {
  latency: {
    type: "number",
    value: "MS",
    min: 0,
    max: HOUR_MS,
    default: 500,
    help: "time each connect and message takes",
  },
  jitter: {
    type: "number",
    value: "MS",
    min: 0,
    max: HOUR_MS,
    default: 0,
    help: "each wait varies by up to +/- MS",
  },
  "fail-rate": {
    type: "number",
    value: "P",
    min: 0,
    max: 1,
    default: 0,
    help: "probability that a message fails",
  },
  seed: {
    type: "int",
    value: "N",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 1,
    help: "seed for jitter and failures: same seed, same run",
  },
  timeout: {
    type: "number",
    value: "MS",
    min: 0,
    minExclusive: true,
    max: HOUR_MS,
    defaultText: "none",
    help: "a message taking longer fails",
  },
  retries: {
    type: "int",
    value: "N",
    min: 0,
    max: 100,
    default: 0,
    help: "retry a failed message N times, backoff 100 ms doubling",
  },
  ...commonOptions({
    output: "stdout",
    json: '{"totalMs", "steps": [{"device", "type", "startMs", "endMs", "ok", "error"?}], ...} instead of the timeline',
    quiet: "log lines",
  }),
} as const satisfies OptionTable;

/** `dmx iot` for help and errors. */
export const iotSpec: CommandSpec<typeof iotOptions> = {
  name: "iot",
  usage: "dmx iot run <wake-up|sleep|FILE> [options]",
  about: `Runs a smart-home program on simulated devices and shows what happened when: a log line as
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
`,
  options: iotOptions,
  footer: `Exit codes: 0 every step succeeded, 1 a step failed (failures listed on stderr),
2 bad usage or an invalid program file.`,
};

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
  /** `-o` as given: a path, or `-`/`undefined` for stdout. */
  readonly output: string | undefined;
}

/** What the words after `dmx iot` ask for. */
export type IotRequest =
  | { readonly help: true; readonly values: { readonly help: boolean; readonly version: boolean } }
  | ({ readonly help: false } & IotRunArgs);

/** Parses the words after `dmx iot`; throws {@link UsageError} (exit 2) on bad usage. */
export function parseIotArgs(argv: readonly string[]): IotRequest {
  const { values, positionals } = parseOptions(iotSpec, argv);
  if (values.help || values.version) return { help: true, values };
  const [sub, program, ...extra] = positionals;
  expectWord("subcommand", sub, ["run"], "iot");
  if (program === undefined) throw new UsageError("run what? wake-up, sleep, or a JSON file");
  if (extra.length > 0) throw new UsageError(`unexpected argument ${quote(extra[0]!)}`);
  return {
    help: false,
    program,
    latencyMs: values.latency,
    jitterMs: values.jitter,
    failureRate: values["fail-rate"],
    seed: values.seed,
    timeoutMs: values.timeout,
    retries: values.retries,
    json: values.json,
    quiet: values.quiet,
    output: values.output,
  };
}
