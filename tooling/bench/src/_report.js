// The targets table and the details: printed, and written to out/targets-latest.{json,md}.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { C_FLAGS } from "./_c-ref.js";
import { shellLine } from "./_proc.js";
import { mib, ms, num, renderTable } from "./_table.js";

const header = [
  "#",
  "target",
  "dmx",
  "baseline",
  "measured",
  "goal",
  "result",
  "with NODE_EXTRA_CA_CERTS",
];

/**
 * Prints the table, writes the JSON and Markdown files, cleans up; returns how many rows
 * did not pass.
 */
export function report({ rows, details, machine, work, outDir, keep, dmxBin, log }) {
  const modelLines = details.target9?.model?.lines ?? [];
  const at = new Date().toISOString();
  const text = [
    `dmx performance targets — ${at}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}`,
    `python: ${machine.python}; C: ${machine.cc} ${details.target1?.c?.flags ?? C_FLAGS.join(" ")} (fastest of the builds tried)`,
    `wall time: ${machine.timing}; peak RSS: ${machine.peakRss}`,
    machine.environment,
    `load average (1/5/15 min): ${machine.loadStart} at start, ${machine.loadEnd} at end`,
    "",
    renderTable(
      header,
      rows.map((r) => header.map((_, i) => r[i] ?? "-")),
    ),
    ...(modelLines.length > 0 ? ["", ...modelLines] : []),
    "",
  ].join("\n");
  process.stdout.write(text);
  const json = `${JSON.stringify({ at, commit: commitOf(outDir), machine, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), models: modelLines, details }, null, 2)}\n`;
  writeFileSync(join(outDir, "targets-latest.json"), json);
  // Every run also keeps its own file, so `src/publish.js` can put several runs on the page.
  writeFileSync(join(outDir, `targets-${at.replaceAll(":", "-")}.json`), json);
  const detailLines = ["", "Commands ($TMP = the temporary input/output folder):"];
  for (const [key, value] of Object.entries(details)) {
    const entries = value.argv
      ? [["", value]]
      : Object.entries(value).filter(([, v]) => v && typeof v === "object");
    for (const [sub, r] of entries) {
      if (r.argv) {
        const runsText = r.runsMs ? r.runsMs.map((x) => ms(x)).join(", ") : "-";
        detailLines.push(
          `- ${key}${sub ? ` ${sub}` : ""}: \`${shellLine(r.argv).replaceAll(work, "$TMP")}\` median ${ms(r.medianMs)} (runs: ${runsText}), peak RSS ${mib(r.maxRssKb)}${r.error ? `, ERROR ${r.error}` : ""}`,
        );
      } else if (r.commands) {
        for (const [way, argv] of Object.entries(r.commands)) {
          detailLines.push(
            `- ${key} ${sub} ${way}: \`${shellLine(argv).replaceAll(work, "$TMP")}\` median ${ms(r.medians[way])} (runs: ${r.times[way].map((x) => ms(x)).join(", ")})`,
          );
        }
      } else if (r.bestMs !== undefined) {
        detailLines.push(
          `- ${key} ${sub}: best ${ms(r.bestMs)} of ${r.runsMs.map((x) => ms(x)).join(", ")}; ${num(r.nsPerPair, 2)} ns/pair${r.coldMs ? `; cold computeMatrix (workers started and closed) ${ms(r.coldMs)}` : ""}; checksum ${r.checksum}; max rel err ${r.maxRelErr}`,
        );
      }
    }
  }
  writeFileSync(join(outDir, "targets-latest.md"), `${text}${detailLines.join("\n")}\n`);
  log(`wrote ${join("tooling/bench/out", "targets-latest.json")} and targets-latest.md`);
  if (keep) log(`inputs and outputs kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  if (!existsSync(dmxBin)) log(`note: ${dmxBin} is missing: build first (pnpm build)`);
  // "-": a row with no goal (it shows a cost), never a failure.
  return rows.filter((r) => r[6] !== "PASS" && r[6] !== "-").length;
}

/** The checked-out commit (short hash, `+dirty` with local changes), or "unknown". */
function commitOf(dir) {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+dirty" : ""}`;
  } catch {
    return "unknown";
  }
}
