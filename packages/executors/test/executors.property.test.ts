import type { LocationTable } from "@dmx/geo";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createExecutor,
  type Executor,
  executorNames,
  outputFormats,
  writeMatrix,
} from "../src/index.ts";
import { close, memoryStream, parseCsv, readNpy, scalar, table } from "./_helpers.ts";

// Names that exercise RFC 4180 quoting, Unicode and empty-ish cases.
const nameArb = fc.oneof(
  fc.constantFrom(
    "Ann Arbor",
    'Quote "Point", Null',
    "a,b",
    "São Paulo",
    "東京",
    " x ",
    "line\nbreak",
  ),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const placeArb = fc.tuple(
  nameArb,
  fc.double({ min: -90, max: 90, noNaN: true }),
  fc.double({ min: -180, max: 180, noNaN: true }),
);
const tableArb = fc.array(placeArb, { minLength: 0, maxLength: 24 }).map((rows) => table(rows));

/** Expected distances in each format's documented order. */
function expectedPairs(t: LocationTable): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (let j = 0; j < t.names.length; j++) {
    for (let i = 0; i < j; i++) out.push([t.names[i]!, t.names[j]!, scalar(t, i, t, j)]);
  }
  return out;
}
function expectedCondensed(t: LocationTable): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.names.length; i++) {
    for (let j = i + 1; j < t.names.length; j++) out.push(scalar(t, i, t, j));
  }
  return out;
}

function checkAll(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (!close(actual[k]!, expected[k]!)) {
      throw new Error(`value ${k}: ${actual[k]} != ${expected[k]}`);
    }
  }
}

async function render(
  executor: Executor,
  t: LocationTable,
  format: (typeof outputFormats)[number],
  square = false,
) {
  const out = memoryStream();
  // Tiny tiles so that even small inputs span many tiles (but not a new thread per value).
  // worker-per-task starts a thread (which loads TypeScript through tsx here) per tile.
  const tileValues = executor.name === "worker-per-task" ? 10_000 : 7;
  await writeMatrix({
    input: t,
    output: out,
    executor,
    format,
    square: square || undefined,
    tileValues,
  });
  return out;
}

describe.each(executorNames)(
  "executor %s × every format = scalar haversine, documented order",
  (name) => {
    let executor: Executor;
    beforeAll(async () => {
      executor = await createExecutor(name, { threads: 2 });
    });
    afterAll(async () => {
      await executor.close();
    });

    it("pairs, matrix, npy (condensed and square) and json", async () => {
      await fc.assert(
        fc.asyncProperty(tableArb, async (t) => {
          const n = t.names.length;
          const pairs = parseCsv((await render(executor, t, "pairs")).text());
          const want = expectedPairs(t);
          expect(pairs.map((r) => [r[0], r[1]])).toEqual(want.map((w) => [w[0], w[1]]));
          checkAll(
            pairs.map((r) => Number(r[2])),
            want.map((w) => w[2]),
          );

          const condensed = expectedCondensed(t);
          const npy = readNpy((await render(executor, t, "npy")).bytes());
          expect(npy.shape).toEqual([condensed.length]);
          checkAll(npy.data, condensed);

          const json = JSON.parse((await render(executor, t, "json")).text());
          expect(json.names).toEqual(t.names);
          expect(json.unit).toBe("km");
          expect(json.metric).toBe("haversine");
          checkAll(json.distances, condensed);

          const matrix = parseCsv((await render(executor, t, "matrix")).text());
          const square = readNpy((await render(executor, t, "npy", true)).bytes());
          expect(square.shape).toEqual([n, n]);
          expect(matrix[0]).toEqual(["", ...t.names]);
          for (let r = 0; r < n; r++) {
            expect(matrix[r + 1]![0]).toBe(t.names[r]);
            for (let c = 0; c < n; c++) {
              const want = r === c ? 0 : scalar(t, Math.min(r, c), t, Math.max(r, c));
              if (
                !close(Number(matrix[r + 1]![c + 1]), want) ||
                !close(square.data[r * n + c]!, want)
              ) {
                throw new Error(`matrix (${r}, ${c})`);
              }
            }
          }
        }),
        { numRuns: name === "worker-per-task" ? 2 : name === "process" ? 4 : 10 },
      );
    }, 120_000);

    it("origins × destinations, row-major", async () => {
      const origins = table([
        ["A", 10, 20],
        ["B, the second", -33.9, 151.2],
        ["C", 0, 0],
      ]);
      const destinations = table([
        ["X", 51.5, -0.12],
        ["Y", 40.7, -74],
      ]);
      const out = memoryStream();
      await writeMatrix({
        input: origins,
        destinations,
        output: out,
        executor,
        format: "pairs",
        header: true,
      });
      const rows = parseCsv(out.text());
      expect(rows[0]).toEqual(["origin", "destination", "distance"]);
      const want: number[] = [];
      const names: string[][] = [];
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 2; j++) {
          want.push(scalar(origins, i, destinations, j));
          names.push([origins.names[i]!, destinations.names[j]!]);
        }
      }
      expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual(names);
      checkAll(
        rows.slice(1).map((r) => Number(r[2])),
        want,
      );
      const npy = memoryStream();
      await writeMatrix({ input: origins, destinations, output: npy, executor, format: "npy" });
      const read = readNpy(npy.bytes());
      expect(read.shape).toEqual([3, 2]);
      checkAll(read.data, want);
    });
  },
);

it("formats list is what the tests cover", () => {
  expect([...outputFormats]).toEqual(["pairs", "matrix", "npy", "json"]);
});
