import { describe, expect, it } from "vitest";
import { type LocationTable, parseLocations, tableLocations } from "../src/index.ts";

function rows(table: LocationTable): [string, number, number][] {
  return tableLocations(table).map((l) => [
    l.name,
    l.coordinates.latitude,
    l.coordinates.longitude,
  ]);
}

describe("parseLocations: accepted input", () => {
  it("reads the workshop file shape: no header, spaces after commas", () => {
    const text = "ann arbor, 42.279594, -83.732124\npleasant grove, 40.364118, -111.738540\n";
    const table = parseLocations(text);
    expect(table.lat).toBeInstanceOf(Float64Array);
    expect(rows(table)).toEqual([
      ["ann arbor", 42.279594, -83.732124],
      ["pleasant grove", 40.364118, -111.73854],
    ]);
  });

  it.each([
    ["name,latitude,longitude"],
    ["Name,Lat,Lon"],
    ["CITY,LAT,LNG"],
    ["place , latitude , long"],
    ["station,y,x"],
  ])("detects the header %j and skips it", (header) => {
    expect(rows(parseLocations(`${header}\nBoston,42.36,-71.06\n`))).toEqual([
      ["Boston", 42.36, -71.06],
    ]);
  });

  it.each([
    ["lat,lon,name", "42.36,-71.06,Boston"],
    ["longitude,name,latitude", "-71.06,Boston,42.36"],
    ["Lng,Lat,Label", "-71.06,42.36,Boston"],
    ["lat,lon,anything", "42.36,-71.06,Boston"],
  ])("follows header column names in any order: %s", (header, row) => {
    expect(rows(parseLocations(`${header}\n${row}\n`))).toEqual([["Boston", 42.36, -71.06]]);
  });

  it("strips a UTF-8 byte-order mark", () => {
    expect(rows(parseLocations("\uFEFFname,lat,lon\nOslo,59.91,10.75\n"))).toEqual([
      ["Oslo", 59.91, 10.75],
    ]);
    expect(rows(parseLocations("\uFEFFOslo,59.91,10.75"))).toEqual([["Oslo", 59.91, 10.75]]);
  });

  it("accepts CRLF, LF, CR and no final line break", () => {
    const expected = [
      ["a", 1, 2],
      ["b", 3, 4],
    ];
    expect(rows(parseLocations("a,1,2\r\nb,3,4\r\n"))).toEqual(expected);
    expect(rows(parseLocations("a,1,2\nb,3,4"))).toEqual(expected);
    expect(rows(parseLocations("a,1,2\rb,3,4\r"))).toEqual(expected);
  });

  it("keeps quoted names with commas, doubled quotes, line breaks and non-ASCII text", () => {
    const text = [
      '"Washington, D.C.",38.9072,-77.0369',
      '"The ""Big"" Apple",40.7128,-74.006',
      '"São Paulo",-23.5505,-46.6333',
      "東京,35.6762,139.6503",
      '"two\nlines",1,2',
      '"  padded  ",0,0',
    ].join("\r\n");
    expect(rows(parseLocations(text))).toEqual([
      ["Washington, D.C.", 38.9072, -77.0369],
      ['The "Big" Apple', 40.7128, -74.006],
      ["São Paulo", -23.5505, -46.6333],
      ["東京", 35.6762, 139.6503],
      ["two\nlines", 1, 2],
      ["  padded  ", 0, 0],
    ]);
  });

  it("trims spaces and tabs around unquoted values and quoted fields", () => {
    expect(rows(parseLocations('  Boston ,\t42.36 , -71.06  \n "Oslo" , 59.91,10.75'))).toEqual([
      ["Boston", 42.36, -71.06],
      ["Oslo", 59.91, 10.75],
    ]);
  });

  it("skips blank and whitespace-only lines anywhere", () => {
    const text = "\n\n  \nname,lat,lon\n\n\ta,1,2\n   \n\nb,3,4\n\n";
    expect(rows(parseLocations(text))).toEqual([
      ["a", 1, 2],
      ["b", 3, 4],
    ]);
  });

  it.each([
    ["+1.5", 1.5],
    ["-0", -0],
    [".5", 0.5],
    ["5.", 5],
    ["1e1", 10],
    ["-9.0E+1", -90],
    ["90", 90],
    ["0042", 42],
  ])("reads the number %s", (text, value) => {
    expect(parseLocations(`x,${text},0`).lat[0]).toBe(value);
  });

  it("accepts the coordinate limits and duplicate names", () => {
    expect(rows(parseLocations("p,90,180\np,-90,-180\n"))).toEqual([
      ["p", 90, 180],
      ["p", -90, -180],
    ]);
  });

  it("treats a first row with numeric coordinates as data even if its name looks like a header", () => {
    expect(rows(parseLocations("name,1,2\nb,3,4"))).toEqual([
      ["name", 1, 2],
      ["b", 3, 4],
    ]);
  });

  it("reads the same table however large the input (batching)", () => {
    const lines = Array.from(
      { length: 5_000 },
      (_, i) => `"p${i}, x",${(i % 180) - 89.5},${(i % 360) - 179.5}`,
    );
    const table = parseLocations(`name,lat,lon\r\n${lines.join("\r\n")}`);
    expect(table.names).toHaveLength(5_000);
    expect(table.names[4_999]).toBe("p4999, x");
    expect(table.lat[2_345]).toBe((2_345 % 180) - 89.5);
    expect(table.lon[4_999]).toBe((4_999 % 360) - 179.5);
  });
});
