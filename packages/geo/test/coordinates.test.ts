import { describe, expect, it } from "vitest";
import { coordinates, location, locationTable, tableLocations } from "../src/index.ts";

describe("coordinates", () => {
  it("keeps valid values, including the limits", () => {
    expect(coordinates(42.360081, -71.058884)).toEqual({
      latitude: 42.360081,
      longitude: -71.058884,
    });
    expect(coordinates(-90, -180)).toEqual({ latitude: -90, longitude: -180 });
    expect(coordinates(90, 180)).toEqual({ latitude: 90, longitude: 180 });
  });

  it.each<[number, number, string]>([
    [91, 0, "latitude 91 is out of range [-90, 90]"],
    [-90.000001, 0, "latitude -90.000001 is out of range [-90, 90]"],
    [0, 180.5, "longitude 180.5 is out of range [-180, 180]"],
    [0, -181, "longitude -181 is out of range [-180, 180]"],
    [Number.NaN, 0, "latitude must be a finite number, got NaN"],
    [0, Number.POSITIVE_INFINITY, "longitude must be a finite number, got Infinity"],
  ])("rejects (%s, %s) with a RangeError naming field and value", (lat, lon, message) => {
    expect(() => coordinates(lat, lon)).toThrow(RangeError);
    expect(() => coordinates(lat, lon)).toThrow(message);
  });

  it("rejects non-numbers with a message naming the type", () => {
    expect(() => coordinates("1" as unknown as number, 0)).toThrow(
      "latitude must be a number, got string",
    );
  });
});

describe("location", () => {
  it("builds a named location", () => {
    expect(location("Boston", 42.36, -71.06)).toEqual({
      name: "Boston",
      coordinates: { latitude: 42.36, longitude: -71.06 },
    });
  });

  it("rejects an empty or blank name", () => {
    expect(() => location("", 0, 0)).toThrow(RangeError);
    expect(() => location("  ", 0, 0)).toThrow('name must not be empty, got "  "');
    expect(() => location(3 as unknown as string, 0, 0)).toThrow(TypeError);
  });

  it("rejects invalid coordinates", () => {
    expect(() => location("x", 0, 200)).toThrow("longitude 200 is out of range");
  });
});

describe("locationTable", () => {
  it("packs locations into structure-of-arrays and back", () => {
    const places = [location("a", 1, 2), location("b", -3, 4.5)];
    const table = locationTable(places);
    expect(table.names).toEqual(["a", "b"]);
    expect([...table.lat]).toEqual([1, -3]);
    expect([...table.lon]).toEqual([2, 4.5]);
    expect(tableLocations(table)).toEqual(places);
  });

  it("validates each location and names the bad one", () => {
    const bad = { name: "nowhere", coordinates: { latitude: 95, longitude: 0 } };
    expect(() => locationTable([location("a", 0, 0), bad])).toThrow(
      'locations[1] ("nowhere"): latitude 95 is out of range [-90, 90]',
    );
  });
});
