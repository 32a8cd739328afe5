import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type HeaderRow, LocationParseError, parseLocations } from "../src/index.ts";

const rest = "Paris,48.85,2.35\nTokyo,35.68,139.65\n";

function errorOf(text: string, options?: Parameters<typeof parseLocations>[1]): LocationParseError {
  try {
    parseLocations(text, options);
  } catch (error) {
    if (error instanceof LocationParseError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

function headersOf(text: string, header?: boolean): { names: string[]; headers: HeaderRow[] } {
  const headers: HeaderRow[] = [];
  const table = parseLocations(text, {
    source: "in.csv",
    header,
    onHeader: (h) => headers.push(h),
  });
  return { names: table.names, headers };
}

describe("the header guess", () => {
  it.each([
    ["Boston,42.3x,-71.0y", '<input>:1:8: latitude "42.3x" is not a number'],
    ["Boston,,", "<input>:1:8: latitude is empty"],
    ["Boston,４２.３,-71", '<input>:1:8: latitude "４２.３" is not a number'],
    ["Boston,٤٢,-71", '<input>:1:8: latitude "٤٢" is not a number'],
    ["Boston,1e,-71", '<input>:1:8: latitude "1e" is not a number'],
    ["Boston,0x2A,-71", '<input>:1:8: latitude "0x2A" is not a number'],
    ["Boston,42,", "<input>:1:11: longitude is empty"],
    ["Boston,inf,nan", '<input>:1:8: latitude "inf" is not a finite number'],
  ])("reads a first row with a digit (or empty) in its coordinates as data: %s", (row, message) => {
    expect(errorOf(`${row}\n${rest}`).message).toBe(message);
  });

  it.each(["name,lat,lng", "city,latitude,longitude", "station,y,x", "LAT,LON,place1"])(
    "skips a first row without digits in its coordinate fields and tells: %s",
    (row) => {
      const text = row.startsWith("LAT") ? `${row}\n48.85,2.35,Paris\n` : `${row}\n${rest}`;
      const { names, headers } = headersOf(text);
      expect(names[0]).toBe("Paris");
      expect(headers).toEqual([{ source: "in.csv", line: 1, text: row }]);
    },
  );

  it("reports the line of a header after blank lines, as written (quotes kept)", () => {
    const { headers } = headersOf('\n  \n"name" , lat,lon\r\n' + rest);
    expect(headers).toEqual([{ source: "in.csv", line: 3, text: '"name" , lat,lon' }]);
  });

  it("header: true skips the first row whatever it holds", () => {
    const { names, headers } = headersOf(`a,1,2\n${rest}`, true);
    expect(names).toEqual(["Paris", "Tokyo"]);
    expect(headers).toEqual([{ source: "in.csv", line: 1, text: "a,1,2" }]);
  });

  it("header: false reads the first row as data, so a header is an error", () => {
    expect(errorOf(`name,lat,lon\n${rest}`, { header: false }).message).toBe(
      '<input>:1:6: latitude "lat" is not a number',
    );
    const { names, headers } = headersOf(rest, false);
    expect(names).toEqual(["Paris", "Tokyo"]);
    expect(headers).toEqual([]);
  });

  it("never skips a first row whose coordinate fields hold a digit (property)", () => {
    const field = fc.string({ maxLength: 8 }).filter((s) => !/[",\r\n]/.test(s));
    fc.assert(
      fc.property(field, field, fc.integer({ min: 0, max: 9 }), (lat, lon, d) => {
        const row = `Boston,${lat}${d},${lon}`;
        let first: string | undefined;
        try {
          first = parseLocations(`${row}\n${rest}`).names[0];
        } catch (error) {
          if (!(error instanceof LocationParseError)) throw error;
          expect(error.line).toBe(1);
          return;
        }
        expect(first).toBe("Boston");
      }),
    );
  });
});

describe("quoted values in messages", () => {
  it("quote at most 60 characters of a bad value, with its length", () => {
    const long = `1${"x".repeat(500)}`;
    const { reason } = errorOf(`Boston,${long},2\n`);
    expect(reason).toBe(
      `latitude ${JSON.stringify(long.slice(0, 60))}… (501 characters) is not a number`,
    );
  });

  it("show invisible characters escaped", () => {
    expect(errorOf("Boston,4\u00002,1\n").reason).toBe('latitude "4\\u00002" is not a number');
  });
});
