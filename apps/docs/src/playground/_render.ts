import { h } from "./_dom.ts";
import { distanceAt, heatColor, heatTextColor, type MatrixResult } from "./compute.ts";

const MAX_PAIR_ROWS = 100;
const MAX_HEAT = 40;

/** The first pairs as a table: origin, destination, km with two decimals. */
export function pairsTable(result: MatrixResult): HTMLElement {
  const n = result.names.length;
  const body = h("tbody");
  let shown = 0;
  outer: for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (shown++ >= MAX_PAIR_ROWS) break outer;
      const km = distanceAt(n, result.distances, i, j);
      body.append(
        h(
          "tr",
          {},
          h("td", {}, result.names[i]!),
          h("td", {}, result.names[j]!),
          h("td", {}, `${km.toFixed(2)} km`),
        ),
      );
    }
  }
  const total = result.distances.length;
  const note =
    total > MAX_PAIR_ROWS
      ? `first ${MAX_PAIR_ROWS} of ${total.toLocaleString("en")} pairs`
      : `${total} pairs`;
  return h(
    "div",
    {},
    h("p", {}, `Distances (${note}):`),
    h(
      "table",
      { "data-testid": "pairs" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, "origin"), h("th", {}, "destination"), h("th", {}, "distance")),
      ),
      body,
    ),
  );
}

/** The square matrix as a heat map (the first 40 places for larger inputs). */
export function heatMap(result: MatrixResult): HTMLElement {
  const n = result.names.length;
  const m = Math.min(n, MAX_HEAT);
  let max = 0;
  for (const d of result.distances) if (d > max) max = d;
  const small = m <= 12;
  const head = h("tr", {}, h("th", {}, ""));
  for (let j = 0; j < m; j++)
    head.append(h("th", { title: result.names[j]! }, small ? result.names[j]! : String(j + 1)));
  const body = h("tbody");
  for (let i = 0; i < m; i++) {
    const row = h(
      "tr",
      {},
      h("th", { title: result.names[i]! }, small ? result.names[i]! : String(i + 1)),
    );
    for (let j = 0; j < m; j++) {
      const d = distanceAt(n, result.distances, i, j);
      row.append(
        h(
          "td",
          {
            style: `background:${heatColor(d, max)};color:${heatTextColor(d, max)}`,
            title: `${result.names[i]} → ${result.names[j]}: ${d.toFixed(2)} km`,
          },
          small ? d.toFixed(0) : "",
        ),
      );
    }
    body.append(row);
  }
  const caption =
    m < n
      ? `Heat map of the first ${m} of ${n} places (darker = farther)`
      : "Heat map (darker = farther)";
  return h(
    "div",
    {},
    h("p", {}, caption),
    h("table", { class: "dmx-heat", "data-testid": "heatmap" }, h("thead", {}, head), body),
  );
}
