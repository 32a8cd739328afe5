import { describe, expect, it } from "vitest";
import {
  DeviceSimError,
  ErrorCode,
  PROGRAM_LIMITS,
  type Program,
  parseProgramJson,
  programDevices,
  simulate,
  smartHomeDevices,
  VirtualClock,
} from "../src/index.ts";

const light = '{"device":"light","type":"SWITCH_ON"}';

function nested(depth: number): string {
  return `${'{"sequence":['.repeat(depth)}${light}${"]}".repeat(depth)}`;
}

function problem(text: string): string {
  try {
    parseProgramJson(text, smartHomeDevices());
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceSimError);
    expect((error as DeviceSimError).code).toBe(ErrorCode.INVALID_PROGRAM);
    return (error as Error).message;
  }
  throw new Error("no error");
}

describe("program limits", () => {
  it("rejects nesting 2,000 deep with a clear error, not a stack overflow", () => {
    expect(problem(nested(2000))).toMatch(
      /^\$(\.sequence\[0\]){99}\.sequence: groups nested deeper than 100 levels \(the limit\)$/,
    );
  });

  it("validates and runs a program at the depth limit", async () => {
    const program = parseProgramJson(nested(PROGRAM_LIMITS.depth - 1), smartHomeDevices());
    const report = await simulate(program, { clock: new VirtualClock(), latencyMs: 10 });
    expect(report.ok).toBe(true);
  });

  it("rejects a parallel group of 130,000 steps before walking it", () => {
    const wide = `{"parallel":[${Array(130_000).fill(light).join(",")}]}`;
    expect(problem(wide)).toBe("$.parallel: more than 100000 steps (the limit)");
  });

  it("rejects text longer than the size limit", () => {
    const padded = `${" ".repeat(PROGRAM_LIMITS.bytes)}${light}`;
    expect(problem(padded)).toBe(
      `$: the program is longer than ${PROGRAM_LIMITS.bytes} characters (the limit)`,
    );
  });

  it("accepts a UTF-8 byte-order mark at the start", () => {
    expect(parseProgramJson(`\ufeff${light}`)).toEqual({ deviceId: "light", type: "SWITCH_ON" });
  });

  it("lists the devices of a very deep in-code program without recursion", () => {
    let program: Program = { deviceId: "lock", type: "OPEN" };
    for (let i = 0; i < 50_000; i++) program = { sequence: [program] };
    expect(programDevices(program)).toEqual(["lock"]);
  });
});

describe("values in messages", () => {
  it("reports an overflowing number as such, not as null", () => {
    expect(problem('{"device":"thermostat","type":"SWITCH_ON","data":1e400}')).toBe(
      "$.data: SWITCH_ON takes an optional target temperature from 5 to 30 °C, got Infinity (a number too large for a double, e.g. 1e400)",
    );
  });

  it("shows invisible characters escaped", () => {
    expect(problem('{"device":"light\\u0000","type":"SWITCH_ON"}')).toMatch(
      /^\$\.device: unknown device "light\\u0000" \(known: /,
    );
    expect(problem('{"device":"light\\u200b","type":"SWITCH_ON"}')).toMatch(
      /unknown device "light\\u200b"/,
    );
  });

  it("quotes at most 60 characters of a bad value", () => {
    const message = problem(`{"device":"${"x".repeat(5000)}","type":"SWITCH_ON"}`);
    expect(message).toContain(`unknown device "${"x".repeat(60)}"… (5000 characters)`);
    expect(message.length).toBeLessThan(300);
  });
});
