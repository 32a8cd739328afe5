import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocationParseError, parseLocations } from "../src/index.ts";

function failure(text: string, source?: string): LocationParseError {
  try {
    parseLocations(text, source === undefined ? undefined : { source });
  } catch (error) {
    expect(error).toBeInstanceOf(LocationParseError);
    return error as LocationParseError;
  }
  throw new Error("expected a LocationParseError");
}

describe("LocationParseError", () => {
  it("formats file:line:column: reason and keeps the parts", () => {
    const e = failure("Boston,42.36,-71.06\nNowhere,91,0\n", "cities.csv");
    expect(e.message).toBe("cities.csv:2:9: latitude 91 is out of range [-90, 90]");
    expect(e.file).toBe("cities.csv");
    expect(e.line).toBe(2);
    expect(e.column).toBe(9);
    expect(e.reason).toBe("latitude 91 is out of range [-90, 90]");
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.name).toBe("LocationParseError");
    expect(e).toBeInstanceOf(Error);
  });

  it('names the input "<input>" by default', () => {
    expect(failure("").file).toBe("<input>");
  });
});

// [case, input, line, column, code, reason]
const cases: [string, string, number, number, string, string][] = [
  [
    "empty input",
    "",
    1,
    1,
    "EMPTY_INPUT",
    "no locations: the input is empty or has only blank lines",
  ],
  [
    "only blank lines",
    "\n  \r\n\t\n",
    1,
    1,
    "EMPTY_INPUT",
    "no locations: the input is empty or has only blank lines",
  ],
  [
    "only a BOM",
    "\uFEFF",
    1,
    1,
    "EMPTY_INPUT",
    "no locations: the input is empty or has only blank lines",
  ],
  ["only a header", "\nname,lat,lon\n\n", 3, 1, "EMPTY_INPUT", "no locations after the header"],
  [
    "missing column",
    "a,1,2\nb,3\n",
    2,
    4,
    "MISSING_COLUMN",
    "missing column: expected 3 fields (name, latitude, longitude), found 2",
  ],
  [
    "missing columns",
    "a,1,2\n\nb\n",
    3,
    2,
    "MISSING_COLUMN",
    "missing column: expected 3 fields (name, latitude, longitude), found 1",
  ],
  [
    "missing column in the header",
    "name,lat\n",
    1,
    9,
    "MISSING_COLUMN",
    "missing column: expected 3 fields (name, latitude, longitude), found 2",
  ],
  [
    "extra column",
    "a,1,2\nb,3,4,5\n",
    2,
    7,
    "EXTRA_COLUMN",
    "extra column: expected 3 fields (name, latitude, longitude), found 4",
  ],
  [
    "trailing comma",
    "a,1,2,\n",
    1,
    7,
    "EXTRA_COLUMN",
    "extra column: expected 3 fields (name, latitude, longitude), found 4",
  ],
  [
    "non-numeric latitude",
    "a,1,2\nb,north,4\n",
    2,
    3,
    "NOT_A_NUMBER",
    'latitude "north" is not a number',
  ],
  ["non-numeric longitude", "b, 3 , 4x\n", 1, 8, "NOT_A_NUMBER", 'longitude "4x" is not a number'],
  ["decimal comma", 'b,"3,5",4\n', 1, 3, "NOT_A_NUMBER", 'latitude "3,5" is not a number'],
  ["hexadecimal", "b,0x10,4\n", 1, 3, "NOT_A_NUMBER", 'latitude "0x10" is not a number'],
  ["degrees symbol", "b,3°,4\n", 1, 3, "NOT_A_NUMBER", 'latitude "3°" is not a number'],
  ["NaN", "a,NaN,2\n", 1, 3, "NOT_FINITE", 'latitude "NaN" is not a finite number'],
  [
    "Infinity",
    "a,1,-Infinity\n",
    1,
    5,
    "NOT_FINITE",
    'longitude "-Infinity" is not a finite number',
  ],
  [
    "overflow",
    "a,1e999,2\n",
    1,
    3,
    "NOT_FINITE",
    'latitude "1e999" is not a finite number (it overflows)',
  ],
  ["empty latitude", "a,,2\n", 1, 3, "EMPTY_VALUE", "latitude is empty"],
  ["blank longitude", "a,1,   \n", 1, 8, "EMPTY_VALUE", "longitude is empty"],
  [
    "latitude out of range",
    "a,-90.5,2\n",
    1,
    3,
    "OUT_OF_RANGE",
    "latitude -90.5 is out of range [-90, 90]",
  ],
  [
    "longitude out of range",
    "a,1,180.0001\n",
    1,
    5,
    "OUT_OF_RANGE",
    "longitude 180.0001 is out of range [-180, 180]",
  ],
  ["empty name", "a,1,2\n,3,4\n", 2, 1, "EMPTY_NAME", "empty name"],
  ["blank quoted name", 'a,1,2\n  "  " ,3,4\n', 2, 3, "EMPTY_NAME", "empty name"],
  [
    "unclosed quote",
    'a,1,2\nb,3,4\n"c,5,6\nd,7,8\n',
    3,
    1,
    "CSV_SYNTAX",
    "quote not closed: the input ends inside this quoted field",
  ],
  [
    "quote inside an unquoted field",
    'a,1,2\nb"c,3,4\n',
    2,
    2,
    "CSV_SYNTAX",
    'a quote inside an unquoted field (quote the whole field and double inner quotes: "a ""b""")',
  ],
  [
    "quote inside an unquoted coordinate",
    'a,1,2\nb,3,4"\n',
    2,
    6,
    "CSV_SYNTAX",
    'a quote inside an unquoted field (quote the whole field and double inner quotes: "a ""b""")',
  ],
  [
    "text after a closing quote",
    'a,1,2\n"b" c,3,4\n',
    2,
    5,
    "CSV_SYNTAX",
    "unexpected text after a closing quote",
  ],
  [
    "header naming latitude only",
    "name,lat,foo\nb,1,2\n",
    1,
    6,
    "BAD_HEADER",
    "header names a latitude column but no longitude column (name/city/place/location/label, lat/latitude, lon/lng/long/longitude (any order, any case))",
  ],
  [
    "header naming longitude twice",
    "lon,lng,lat\n1,2,3\n",
    1,
    5,
    "BAD_HEADER",
    'header names the longitude column twice ("lon" and "lng")',
  ],
  [
    "header naming only the name, elsewhere",
    "x,y,name\n1,2,b\n",
    1,
    5,
    "BAD_HEADER",
    "header names only the name column; name the coordinate columns too (name/city/place/location/label, lat/latitude, lon/lng/long/longitude (any order, any case))",
  ],
  [
    "a typo in the first row is not taken for a header",
    "Boston,42.3x,-71\n",
    1,
    8,
    "NOT_A_NUMBER",
    'latitude "42.3x" is not a number',
  ],
  [
    "a second header is data",
    "name,lat,lon\nname,lat,lon\n",
    2,
    6,
    "NOT_A_NUMBER",
    'latitude "lat" is not a number',
  ],
];

describe.each(cases)("%s", (_name, input, line, column, code, reason) => {
  it(`is reported at ${line}:${column}`, () => {
    const e = failure(input, "f.csv");
    expect({ line: e.line, column: e.column, code: e.code, reason: e.reason }).toEqual({
      line,
      column,
      code,
      reason,
    });
    expect(e.message).toBe(`f.csv:${line}:${column}: ${reason}`);
  });
});

describe("positions", () => {
  it("count lines across CRLF, CR and quoted line breaks", () => {
    expect(failure('a,1,2\r\n"x\r\ny",3,4\r\n\r\nb,9,999\r\n').line).toBe(5);
    expect(failure('a,1,2\r"x\ry",3,4\rb,9,999\r').line).toBe(4);
    expect(failure('"multi\nline\nname",95,0\n')).toMatchObject({ line: 3, column: 7 });
  });

  it("count columns in UTF-16 code units after a multi-byte name, BOM excluded", () => {
    expect(failure("\uFEFFé,1,x\n")).toMatchObject({ line: 1, column: 5 });
    expect(failure("😀,1,x\n")).toMatchObject({ line: 1, column: 6 });
  });

  it("point past the end of the record for a missing column with trailing spaces", () => {
    expect(failure("a,1  \n")).toMatchObject({ line: 1, column: 6, code: "MISSING_COLUMN" });
  });

  it("report errors far into a large input at the right line", () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `p${i},${i % 90},0`);
    lines[2_500] = "bad,1,east";
    expect(failure(lines.join("\n"))).toMatchObject({
      line: 2_501,
      column: 7,
      code: "NOT_A_NUMBER",
    });
    lines[2_500] = '"bad,1,2';
    expect(failure(lines.join("\n"))).toMatchObject({ line: 2_501, column: 1, code: "CSV_SYNTAX" });
  });
});

it("rejects a non-string argument with a TypeError", () => {
  expect(() => parseLocations(undefined as unknown as string)).toThrow(TypeError);
});

it("never fails with anything but a LocationParseError, whatever the text (property)", () => {
  const piece = fc.constantFrom(
    "a",
    "é",
    ",",
    '"',
    '""',
    "\n",
    "\r",
    "\r\n",
    " ",
    "\t",
    "1",
    "-",
    ".",
    "e",
    "9",
    "\uFEFF",
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join("");
      try {
        const table = parseLocations(text);
        expect(table.names.length).toBeGreaterThan(0);
        expect(table.lat).toHaveLength(table.names.length);
      } catch (error) {
        if (!(error instanceof LocationParseError)) throw error;
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
      }
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
});
