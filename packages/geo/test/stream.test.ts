import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocationReader } from "../src/_reader.ts";
import {
  type Location,
  LocationParseError,
  parseLocationChunks,
  parseLocationStream,
  parseLocations,
  tableLocations,
} from "../src/index.ts";

const SAMPLE = [
  "\uFEFFName,Lat,Lon",
  "",
  '"Washington, D.C.", 38.9072, -77.0369',
  '"The ""Big""',
  ' Apple",40.7128,-74.006',
  "São Paulo,-23.5505,-46.6333",
  "  ",
  "東京,35.6762,139.6503",
  "😀 town,1e1,-0.5",
].join("\r\n");

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect(
  chunks: AsyncIterable<string | Uint8Array>,
  source?: string,
): Promise<Location[]> {
  const out: Location[] = [];
  for await (const l of parseLocationStream(chunks, { source })) out.push(l);
  return out;
}

/** Splits `whole` at the given cut points. */
function split<T extends string | Uint8Array>(whole: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const parts: T[] = [];
  let last = 0;
  for (const p of [...points, whole.length]) {
    parts.push(whole.slice(last, p) as T);
    last = p;
  }
  return parts;
}

describe("parseLocationStream", () => {
  const expected = tableLocations(parseLocations(SAMPLE));

  it("reads the sample the same as parseLocations", async () => {
    expect(expected).toHaveLength(5);
    expect(expected[1]!.name).toBe('The "Big"\r\n Apple');
    expect(await collect(from([SAMPLE]))).toEqual(expected);
  });

  it("gives the same locations however string chunks are cut (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await collect(from(split(SAMPLE, cuts)))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same locations however UTF-8 bytes are cut, even inside a character (property)", async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await collect(from(split(bytes, cuts)))).toEqual(expected);
        expect(tableLocations(await parseLocationChunks(from(split(bytes, cuts))))).toEqual(
          expected,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("parses in small batches with exact lines, however chunks are cut (property)", async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      i % 7 === 3 ? `"p\n${i}",${i},${-i}` : `p${i},${i},${-i}`,
    );
    // 60 records on 69 lines (every 7th name holds a line break), then the bad one on line 70.
    const text = `${lines.join("\n")}\r\nbad,1,x\n`;
    await fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        (cuts, batch) => {
          const got: string[] = [];
          const reader = new LocationReader("t.csv", (name) => got.push(name), {}, batch);
          let error: unknown;
          try {
            for (const part of split(text, cuts)) reader.push(part);
            reader.end();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(LocationParseError);
          expect((error as LocationParseError).message).toBe(
            't.csv:70:7: longitude "x" is not a number',
          );
          expect(got).toHaveLength(60);
          expect(got[58]).toBe("p58");
          expect(got[59]).toBe("p\n59");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("yields locations before a later error, then throws it", async () => {
    const seen: string[] = [];
    const run = async () => {
      for await (const l of parseLocationStream(from(["a,1,2\n", "b,3,4\n", "c,5,"]), {
        source: "s.csv",
      })) {
        seen.push(l.name);
      }
    };
    await expect(run()).rejects.toThrow("s.csv:3:5: longitude is empty");
    expect(seen).toEqual(["a", "b"]);
  });

  it("reports an empty stream", async () => {
    await expect(collect(from([]))).rejects.toThrow("<input>:1:1: no locations");
    await expect(collect(from(["", new Uint8Array(0)]))).rejects.toThrow(LocationParseError);
  });

  it("reports invalid UTF-8 at its line and column", async () => {
    const head = new TextEncoder().encode("a,1,2\nbé");
    const bad = new Uint8Array([...head, 0xff, ...new TextEncoder().encode(",3,4\n")]);
    const error = await collect(from(split(bad, [3])), "u.csv").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocationParseError);
    expect(error).toMatchObject({
      line: 2,
      column: 3,
      code: "INVALID_UTF8",
      reason: "invalid UTF-8 byte sequence",
    });
  });

  it("locates an invalid byte exactly, across chunk boundaries and after a real U+FFFD", async () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    // "é" split between chunks, a genuine U+FFFD in a name, then a stray 0xC3 0x28.
    const bytes = new Uint8Array([...enc("a,1,2\n\uFFFDé,1,2\nxé"), 0xc3, 0x28, ...enc(",3,4\n")]);
    for (const cuts of [[], [10], [11], [12], [19, 20], [21]]) {
      const error = await collect(from(split(bytes, cuts))).catch((e: unknown) => e);
      expect(error).toMatchObject({ line: 3, column: 3, code: "INVALID_UTF8" });
    }
  });

  it("keeps a byte-order mark that is not at the very start (then csv-parse trims it as space)", async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode("a,1,2\n\uFEFFb,3,4\n"),
    ]);
    const names = (await collect(from(split(bytes, [2, 9])))).map((l) => l.name);
    expect(names).toEqual(["a", "b"]);
  });

  it("reports a truncated UTF-8 sequence at the end", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("a,1,2\nb,1,2"), 0xe2, 0x82]);
    await expect(collect(from([bytes]))).rejects.toThrow("invalid UTF-8 byte sequence");
  });

  it("rejects chunks that are neither strings nor bytes", async () => {
    await expect(collect(from([42 as unknown as string]))).rejects.toThrow(TypeError);
  });

  it("accepts a web ReadableStream of bytes", async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of split(bytes, [5, 50, 51])) controller.enqueue(part);
        controller.close();
      },
    });
    expect(await collect(stream as unknown as AsyncIterable<Uint8Array>)).toEqual(expected);
  });

  it("reads a ReadableStream through its reader where it is not async-iterable (older browsers)", async () => {
    const parts = split(new TextEncoder().encode(SAMPLE), [7, 70]);
    let k = 0;
    const released: boolean[] = [];
    const stream = {
      getReader: () => ({
        read: async () =>
          k < parts.length ? { done: false, value: parts[k++] } : { done: true, value: undefined },
        releaseLock: () => released.push(true),
      }),
    } as unknown as ReadableStream<Uint8Array>;
    const out: Location[] = [];
    for await (const l of parseLocationStream(stream)) out.push(l);
    expect(out).toEqual(expected);
    expect(released).toEqual([true]);
    await expect(collect(5 as unknown as AsyncIterable<string>)).rejects.toThrow(
      "chunks must be an async iterable",
    );
  });
});

it("streams any text in any chunks and batch sizes exactly as parseLocations reads it (property)", () => {
  const piece = fc.constantFrom(
    "a",
    ",",
    '"',
    "\n",
    "\r\n",
    "\r",
    " ",
    "1",
    "2",
    ".5",
    "-",
    "x",
    "\u00a0",
  );
  const outcome = (run: () => string[]) => {
    try {
      return run().join("|");
    } catch (error) {
      if (!(error instanceof LocationParseError)) throw error;
      return `error ${error.message}`;
    }
  };
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.integer({ min: 1, max: 16 }),
      (pieces, cuts, batch) => {
        const text = pieces.join("");
        const whole = outcome(() => {
          const t = parseLocations(text);
          return t.names.map((name, i) => `${name}@${t.lat[i]},${t.lon[i]}`);
        });
        const streamed = outcome(() => {
          const got: string[] = [];
          const reader = new LocationReader(
            "<input>",
            (name, la, lo) => got.push(`${name}@${la},${lo}`),
            {},
            batch,
          );
          for (const part of split(text, cuts)) reader.push(part);
          reader.end();
          return got;
        });
        expect(streamed).toBe(whole);
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
  );
});

it("reads quote-free LF text (the native split fast path) exactly as the same text with CRLF breaks (the general scanner) (property)", () => {
  const piece = fc.constantFrom("a", ",", "\n", " ", "\t", "1", "2", ".5", "-", "x", "\u00a0");
  const outcome = (text: string, batch: number) => {
    try {
      const got: string[] = [];
      const reader = new LocationReader(
        "<input>",
        (name, la, lo) => got.push(`${name}@${la},${lo}`),
        {},
        batch,
      );
      reader.push(text);
      reader.end();
      return got.join("|");
    } catch (error) {
      if (!(error instanceof LocationParseError)) throw error;
      return `error ${error.message}`;
    }
  };
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 60 }),
      fc.integer({ min: 1, max: 16 }),
      (pieces, batch) => {
        const lf = pieces.join("");
        expect(outcome(lf, batch)).toBe(outcome(lf.replaceAll("\n", "\r\n"), batch));
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
  );
});
