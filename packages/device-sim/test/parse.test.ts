import { describe, expect, it } from "vitest";
import {
  checkProgram,
  DeviceSimError,
  ErrorCode,
  parseProgram,
  parseProgramJson,
  programDevices,
  smartHomeDevices,
} from "../src/index.ts";

const devices = smartHomeDevices();

function problem(document: unknown): string {
  try {
    parseProgram(document, devices);
  } catch (error) {
    if (error instanceof DeviceSimError && error.code === ErrorCode.INVALID_PROGRAM) {
      return error.message;
    }
    throw error;
  }
  throw new Error("expected the document to be rejected");
}

describe("parseProgram", () => {
  it("turns a JSON document into a program (device -> deviceId)", () => {
    const program = parseProgram(
      {
        sequence: [
          {
            parallel: [
              { device: "light", type: "SWITCH_ON" },
              { device: "thermostat", type: "SWITCH_ON", data: 21 },
            ],
          },
          { device: "speaker", type: "PLAY_SONG", data: "So What" },
        ],
      },
      devices,
    );
    expect(program).toEqual({
      sequence: [
        {
          parallel: [
            { deviceId: "light", type: "SWITCH_ON" },
            { deviceId: "thermostat", type: "SWITCH_ON", data: 21 },
          ],
        },
        { deviceId: "speaker", type: "PLAY_SONG", data: "So What" },
      ],
    });
    expect(programDevices(program)).toEqual(["light", "thermostat", "speaker"]);
  });

  it.each<[unknown, string]>([
    [[1], "$: expected a message"],
    [null, "$: expected a message"],
    [{ sequence: [] }, "$.sequence: expected a non-empty array of steps, got an array"],
    [{ parallel: {} }, "$.parallel: expected a non-empty array of steps, got an object"],
    [
      { sequence: [{ device: "light" }], parallel: [] },
      '$: a "sequence" group has no other keys, found "parallel"',
    ],
    [
      {
        sequence: [
          { device: "light", type: "SWITCH_ON" },
          { device: "light", type: "SWITCH_OFF" },
          { device: "light", type: "FLY" },
        ],
      },
      '$.sequence[2].type: unknown message type "FLY" (one of SWITCH_ON, SWITCH_OFF, CHANGE_COLOR, PLAY_SONG, OPEN, CLOSE, FLUSH, CLEAN)',
    ],
    [{ device: "light", type: 3 }, "$.type: expected a message type, got 3"],
    [{ device: "light" }, "$.type: expected a message type, got nothing"],
    [{ type: "OPEN" }, "$.device: expected a device id (non-empty string), got nothing"],
    [
      { deviceId: "lock", type: "OPEN" },
      '$.deviceId: unknown key (a message has "device", "type" and optional "data"',
    ],
    [{ device: "lock", type: "OPEN", colour: "red" }, "$.colour: unknown key"],
    [
      { parallel: [{ sequence: [{ device: "fridge", type: "OPEN" }] }] },
      '$.parallel[0].sequence[0].device: unknown device "fridge" (known: light, speaker, toilet, thermostat, lock)',
    ],
    [
      { parallel: [{ device: "lock", type: "FLUSH" }] },
      '$.parallel[0].type: door-lock "lock" does not support FLUSH (it supports OPEN, CLOSE)',
    ],
    [
      { device: "light", type: "CHANGE_COLOR" },
      "$.data: CHANGE_COLOR needs a colour as a non-empty string, got nothing",
    ],
    [
      { device: "light", type: "SWITCH_ON", data: "bright" },
      '$.data: SWITCH_ON takes no data, got "bright"',
    ],
    [
      { device: "thermostat", type: "SWITCH_ON", data: 99 },
      "$.data: SWITCH_ON takes an optional target temperature from 5 to 30 °C, got 99",
    ],
  ])("rejects %j: %s", (document, expected) => {
    expect(problem(document).startsWith(expected)).toBe(true);
  });

  it("names the path on the error object too", () => {
    try {
      parseProgram({ parallel: [{ device: "light", type: "NOPE" }] });
      throw new Error("not rejected");
    } catch (error) {
      expect((error as DeviceSimError).path).toBe("$.parallel[0].type");
    }
  });

  it("without devices, checks only the structure", () => {
    expect(parseProgram({ device: "anything", type: "OPEN" })).toEqual({
      deviceId: "anything",
      type: "OPEN",
    });
  });

  it("parseProgramJson reports invalid JSON at $", () => {
    expect(() => parseProgramJson("{ nope")).toThrow(/^\$: not valid JSON/);
    expect(parseProgramJson('{"device":"lock","type":"CLOSE"}', devices)).toEqual({
      deviceId: "lock",
      type: "CLOSE",
    });
  });

  it("checkProgram validates in-code programs with deviceId", () => {
    expect(() => checkProgram({ deviceId: "light", type: "SWITCH_ON" }, devices)).not.toThrow();
    expect(() => checkProgram([{ deviceId: "light", type: "OPEN" }], devices)).toThrow(
      '$.parallel[0].type: hue-light "light" does not support OPEN',
    );
  });
});
