// Puts recorded `pnpm bench` runs on the pages: the "Latest results" block of ../README.md
// and the "Performance" summary of the repository's README.md, between their
// `<!-- bench:... -->` markers. Nothing on those blocks is typed by hand.
//
//   node tooling/bench/src/publish.js tooling/bench/out/targets-<run 1>.json [<run 2>.json ...]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderTable } from "./_table.js";

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node tooling/bench/src/publish.js RUN.json [RUN.json ...]\n");
  process.exit(2);
}
const runs = files.map((f) => JSON.parse(readFileSync(f, "utf8")));
for (const [i, run] of runs.entries()) {
  if (!run.at || !Array.isArray(run.rows))
    throw new Error(`${files[i]}: not a run written by src/run.js (no "at" or "rows")`);
}
const here = fileURLToPath(new URL("..", import.meta.url));
const repo = join(here, "..", "..");

const when = (run) => `${run.at.slice(0, 16).replace("T", " ")} UTC`;
const where = (run) =>
  `${run.machine.cpu}, ${run.machine.cores} cores, node ${run.machine.node}, commit ${run.commit ?? "unknown"}, load ${run.machine.loadStart} at start, ${run.machine.loadEnd} at end`;
const key = (row) => `${row["#"]}|${row.target.replace(/\(one run: [^)]*\)/, "")}`;

/** One table: each target once, then each run's measured value and result. */
function sideBySide() {
  const header = ["#", "target", "goal", ...runs.map((_, i) => `run ${i + 1}`)];
  const seen = new Map();
  for (const [i, run] of runs.entries()) {
    for (const row of run.rows) {
      const k = key(row);
      if (!seen.has(k)) seen.set(k, { row, cells: runs.map(() => "-") });
      const dmx = row.dmx === "-" ? "" : `${row.dmx}; `;
      const base = row.baseline === "-" ? "" : `vs ${row.baseline}: `;
      seen.get(k).cells[i] =
        `${dmx}${base}**${row.measured}** ${row.result === "-" ? "" : row.result}`.trim();
    }
  }
  const body = [...seen.values()].map(({ row, cells }) => [
    row["#"],
    row.target.replace(/ \(one run: [^)]*\)/, ""),
    row.goal,
    ...cells,
  ]);
  return renderTable(header, body);
}

function block(text, name, content) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`no ${start} ... ${end} block`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

const runLines = runs.map((run, i) => `- run ${i + 1}: ${when(run)}; ${where(run)}`).join("\n");
const generated = `<!-- written by tooling/bench/src/publish.js from ${runs.length} recorded run(s); do not edit by hand -->`;

const benchReadme = join(here, "README.md");
const details = runs
  .map((run, i) => {
    const rows = run.rows.map((r) => Object.values(r));
    const models = (run.models ?? []).join("\n");
    return [
      `Run ${i + 1}, exactly as printed (${when(run)}):`,
      "",
      "```text",
      run.machine.environment,
      renderTable(Object.keys(run.rows[0]), rows),
      ...(models ? ["", models] : []),
      "```",
    ].join("\n");
  })
  .join("\n\n");
writeFileSync(
  benchReadme,
  block(
    readFileSync(benchReadme, "utf8"),
    "latest",
    `${generated}\n\n${runLines}\n\n${sideBySide()}\n\n${details}\n`,
  ),
);

const rootReadme = join(repo, "README.md");
writeFileSync(
  rootReadme,
  block(
    readFileSync(rootReadme, "utf8"),
    "summary",
    `${generated}\n\n${runLines}\n\n${sideBySide()}\n`,
  ),
);
process.stderr.write(
  `publish: ${runs.length} run(s) written to tooling/bench/README.md and README.md\n`,
);
