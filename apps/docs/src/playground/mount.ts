import { type LocationTable, locationTable, type MetricName, parseLocations } from "@dmx/geo";
import { mulberry32 } from "@dmx/random";
import { ThreadPool } from "@dmx/thread-pool";
import { withBase } from "vitepress";
import { h } from "./_dom.ts";
import { heatMap, pairsTable } from "./_render.ts";
import {
  computeInWorkers,
  computeOnMainThread,
  computeShared,
  type MatrixResult,
  SAMPLE_CSV,
  withStallMeter,
} from "./compute.ts";

// The task module is built by vite.tasks.config.ts into public/workers/ (a standalone ES module
// that each pool worker `import()`s). The pool's own worker entry is bundled by Vite from the
// `new Worker(new URL("./_worker-entry.js", import.meta.url))` literal inside @dmx/thread-pool.

/** Random places (seeded, so runs compare), to make the main-thread vs workers gap visible. */
function randomTable(n: number, seed = 1): LocationTable {
  const next = mulberry32(seed);
  const places = Array.from({ length: n }, (_, i) => ({
    name: `place ${i + 1}`,
    coordinates: {
      latitude: Math.asin(2 * next() - 1) * (180 / Math.PI),
      longitude: 360 * next() - 180,
    },
  }));
  return locationTable(places);
}

/** Builds the playground inside `root`; returns a function that closes its worker pool. */
export function mountPlayground(root: HTMLElement): () => void {
  const cores = navigator.hardwareConcurrency || 2;
  let pool: ThreadPool | undefined;
  const getPool = () => {
    pool ??= new ThreadPool(new URL(withBase("/workers/playground-tasks.js"), location.href), {
      size: Math.min(cores, 8),
      name: "playground",
    });
    return pool;
  };

  const source = h(
    "select",
    { "data-testid": "source" },
    h("option", { value: "sample" }, "3-city sample (workshop)"),
    h("option", { value: "paste" }, "my CSV (edit below)"),
    h("option", { value: "random-2000" }, "2,000 random places"),
    h("option", { value: "random-5000" }, "5,000 random places"),
  );
  const csv = h("textarea", {
    "data-testid": "csv",
    spellcheck: "false",
    "aria-label": "CSV input",
  });
  csv.value = SAMPLE_CSV;
  const mode = h(
    "select",
    { "data-testid": "mode" },
    h("option", { value: "main" }, "main thread"),
    h("option", { value: "workers" }, `Web Workers (${Math.min(cores, 8)}, @dmx/thread-pool)`),
    h(
      "option",
      { value: "shared", ...(globalThis.crossOriginIsolated ? {} : { disabled: "" }) },
      globalThis.crossOriginIsolated
        ? "Web Workers + SharedArrayBuffer (no copies back)"
        : "SharedArrayBuffer: needs cross-origin isolation (COOP + COEP headers)",
    ),
  );
  const metric = h(
    "select",
    { "data-testid": "metric" },
    h("option", { value: "haversine" }, "haversine"),
    h("option", { value: "equirectangular" }, "equirectangular"),
    h("option", { value: "geodesic" }, "geodesic (WGS84)"),
  );
  const button = h("button", { "data-testid": "compute", type: "button" }, "Compute");
  const status = h(
    "p",
    { "data-testid": "status", "aria-live": "polite" },
    "Choose an input and press Compute.",
  );
  const output = h("div", { "data-testid": "output" });

  source.addEventListener("change", () => {
    if (source.value === "sample") csv.value = SAMPLE_CSV;
    csv.disabled = source.value.startsWith("random");
  });
  csv.addEventListener("input", () => {
    source.value = "paste";
  });

  const input = (): LocationTable =>
    source.value.startsWith("random")
      ? randomTable(Number(source.value.slice("random-".length)))
      : parseLocations(csv.value, { source: "your CSV" });

  button.addEventListener("click", async () => {
    button.disabled = true;
    status.className = "";
    status.textContent = "Computing…";
    output.replaceChildren();
    try {
      const table = input();
      if (table.names.length < 2) throw new Error("need at least two places to measure a distance");
      const m = metric.value as MetricName;
      if (mode.value !== "main")
        await getPool().run("distanceRows", [new Float64Array(2), new Float64Array(2), 0, 1, m]); // start the workers outside the measurement
      const { result, worstStallMs } = await withStallMeter(
        (): Promise<MatrixResult> | MatrixResult =>
          mode.value === "workers"
            ? computeInWorkers(table, m, getPool())
            : mode.value === "shared"
              ? computeShared(table, m, getPool())
              : computeOnMainThread(table, m),
      );
      const where =
        result.mode === "main"
          ? "the main thread"
          : `${getPool().size} Web Workers${result.mode === "shared" ? " + SharedArrayBuffer" : ""}`;
      status.textContent = `${result.distances.length.toLocaleString("en")} pairs of ${table.names.length.toLocaleString("en")} places on ${where}: ${result.ms.toFixed(1)} ms; a 10 ms timer on the page stalled up to ${worstStallMs.toFixed(0)} ms`;
      output.replaceChildren(pairsTable(result), heatMap(result));
    } catch (error) {
      status.className = "dmx-error";
      status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      button.disabled = false;
    }
  });

  root.replaceChildren(
    h(
      "div",
      {},
      h("label", {}, "Input ", source),
      h("label", {}, " Run on ", mode),
      h("label", {}, " Metric ", metric),
    ),
    csv,
    h("div", {}, button),
    status,
    output,
  );
  return () => {
    void pool?.terminate();
  };
}
