import { open } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type Clock,
  classicPrograms,
  DeviceSimError,
  DeviceSimErrorCode,
  PROGRAM_LIMITS,
  type Program,
  parseProgramJson,
  type RunReport,
  realClock,
  simulate,
  smartHomeDevices,
} from "@dmx/device-sim";
import type { CliIO } from "../_command.ts";
import { ExitCode, UsageError } from "../_errors.ts";
import { helpOrVersion } from "../_help.ts";
import { writeText } from "../_write-text.ts";
import { type IotRunArgs, iotSpec, parseIotArgs } from "./_args.ts";
import { failureList, jsonReport, logLine, timeline } from "./_render.ts";

/** What `dmx iot` runs on; tests pass a `VirtualClock`. */
export interface IotDeps {
  readonly clock: Clock;
}

async function loadProgram(args: IotRunArgs, io: CliIO): Promise<Program> {
  const builtIn = classicPrograms[args.program as keyof typeof classicPrograms];
  if (Object.hasOwn(classicPrograms, args.program) && builtIn) return builtIn;
  const path = resolve(io.cwd, args.program);
  let text: string;
  try {
    text = await readBounded(path, PROGRAM_LIMITS.bytes);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${args.program}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(error);
    throw new UsageError(
      `"${args.program}" is not a built-in program (wake-up, sleep) and cannot be read: ${why}`,
    );
  }
  try {
    return parseProgramJson(text, smartHomeDevices());
  } catch (error) {
    if (error instanceof DeviceSimError && error.code === DeviceSimErrorCode.INVALID_PROGRAM) {
      throw new UsageError(`${args.program}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The text of a file of at most `limit` bytes; a bigger file (or an endless one such as
 * `/dev/zero`) is a {@link UsageError} after reading `limit + 1` bytes.
 */
async function readBounded(path: string, limit: number): Promise<string> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(limit + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, size, buffer.length - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > limit) {
        throw new UsageError(`the program file is larger than ${limit} bytes (the limit)`);
      }
    }
    return buffer.toString("utf8", 0, size);
  } finally {
    await file.close();
  }
}

/** `dmx iot ...`: parses, runs the program through `@dmx/device-sim`, renders. */
export async function runIot(
  argv: readonly string[],
  io: CliIO,
  deps: IotDeps = { clock: realClock },
): Promise<number> {
  const request = parseIotArgs(argv);
  if (request.help) return helpOrVersion(iotSpec, request.values, io.stdout) ?? ExitCode.ok;
  const args = request;
  const program = await loadProgram(args, io);
  const settings = {
    latencyMs: args.latencyMs,
    jitterMs: args.jitterMs,
    failureRate: args.failureRate,
    seed: args.seed,
    ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
    retries: args.retries,
  };
  let report: RunReport;
  try {
    report = await simulate(program, {
      ...settings,
      clock: deps.clock,
      signal: io.signal,
      ...(args.quiet ? {} : { onEvent: (event) => io.stderr.write(logLine(event)) }),
    });
  } catch (error) {
    if (!io.signal.aborted) throw error;
    const why = io.signal.reason instanceof Error ? io.signal.reason.message : "aborted";
    io.stderr.write(`dmx iot: stopped (${why}); running steps were cancelled\n`);
    return ExitCode.failure;
  }
  if (args.json) {
    await writeText(args.output, jsonReport(args.program, settings, report), io);
  } else {
    const extras = [
      args.timeoutMs === undefined ? "" : `, timeout ${args.timeoutMs} ms`,
      args.retries > 0 ? `, ${args.retries} retries` : "",
    ].join("");
    const title = `dmx iot run ${args.program}: latency ${args.latencyMs} ms, jitter ${args.jitterMs} ms, fail rate ${args.failureRate}, seed ${args.seed}${extras}`;
    await writeText(args.output, timeline(title, report), io);
  }
  if (!report.ok) {
    io.stderr.write(`dmx iot: ${failureList(report)}`);
    return ExitCode.failure;
  }
  return ExitCode.ok;
}
