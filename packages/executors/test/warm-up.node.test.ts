// Early worker start: Executor.warmUp() starts a pool's workers before any tile, and
// writeMatrix warms an executor it is given before it reads the input. Node only: workers
// are counted as the MessagePorts Node reports among its active resources.

import { randomLocationTable as randomTable } from "@dmx/geo";
import { describe, expect, it } from "vitest";
import { createExecutor, type Executor, writeMatrix } from "../src/index.ts";
import { memoryStream } from "./_helpers.ts";

const ports = () =>
  process.getActiveResourcesInfo().filter((name) => name === "MessagePort").length;

describe("Executor.warmUp", () => {
  it.each(["shared", "thread-pool"] as const)(
    "%s: starts its workers before the first run, and close ends them",
    async (name) => {
      const before = ports();
      const executor = await createExecutor(name, { threads: 2 });
      expect(ports()).toBe(before); // workers start lazily
      executor.warmUp!();
      expect(ports()).toBe(before + 2);
      executor.warmUp!(); // idempotent: no more workers
      expect(ports()).toBe(before + 2);
      await executor.close();
      expect(ports()).toBe(before);
    },
  );

  it("writeMatrix warms an executor it is given before reading the input", async () => {
    const inner = await createExecutor("shared", { threads: 2 });
    const events: string[] = [];
    const spy: Executor = {
      name: inner.name,
      threads: inner.threads,
      notes: inner.notes,
      warmUp() {
        events.push("warmUp");
        inner.warmUp!();
      },
      run(job, tiles, options) {
        events.push("run");
        return inner.run(job, tiles, options);
      },
      close: () => inner.close(),
    };
    try {
      const running = writeMatrix({
        input: randomTable(30, 1),
        output: memoryStream(),
        executor: spy,
      });
      expect(events).toEqual(["warmUp"]); // synchronously, before any await
      await running;
      expect(events).toEqual(["warmUp", "run"]);
    } finally {
      await inner.close();
    }
  });
});
