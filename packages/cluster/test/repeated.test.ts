import { describe, expect, it } from "vitest";
import { repeatedLines } from "../src/_repeated.ts";

function setup(periodMs = 1000) {
  const lines: string[] = [];
  let t = 0;
  const r = repeatedLines(
    (l) => lines.push(l),
    periodMs,
    () => t,
  );
  return { lines, r, at: (ms: number) => (t = ms) };
}

describe("repeatedLines", () => {
  it("says a line once, then counts its repeats at most once a period", () => {
    const { lines, r, at } = setup();
    for (let ms = 0; ms < 2500; ms += 100) {
      at(ms);
      r.say("connect ECONNREFUSED");
    }
    // 25 calls over 2.5 s: the line at 0, counts at 1.0 s (10 repeats) and 2.0 s (10).
    expect(lines).toEqual([
      "connect ECONNREFUSED",
      "connect ECONNREFUSED (10 more times)",
      "connect ECONNREFUSED (10 more times)",
    ]);
  });

  it("a different line first settles the count owed for the last one", () => {
    const { lines, r } = setup();
    r.say("a");
    r.say("a");
    r.say("a");
    r.say("b");
    expect(lines).toEqual(["a", "a (2 more times)", "b"]);
  });

  it("over(): the count owed, then the closing line; nothing if nothing was said", () => {
    const { lines, r } = setup();
    r.over("Redis reachable again");
    expect(lines).toEqual([]);
    r.say("x");
    r.say("x");
    r.over("Redis reachable again");
    r.over("Redis reachable again");
    r.say("x");
    expect(lines).toEqual(["x", "x (1 more time)", "Redis reachable again", "x"]);
  });
});
