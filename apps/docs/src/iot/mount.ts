import {
  type Clock,
  classicPrograms,
  realClock,
  type StepRecord,
  simulate,
  VirtualClock,
} from "@dmx/device-sim";
import { h } from "../playground/_dom.ts";
import { layoutTimeline, logLine } from "./timeline.ts";

/** Builds the IoT timeline player inside `root`; returns a function that stops it. */
export function mountIotPlayer(root: HTMLElement): () => void {
  const program = h(
    "select",
    { "data-testid": "iot-program" },
    h("option", { value: "wake-up" }, "wake-up"),
    h("option", { value: "sleep" }, "sleep"),
  );
  const clockSelect = h(
    "select",
    { "data-testid": "iot-clock" },
    h("option", { value: "real" }, "real clock (watch it happen)"),
    h("option", { value: "virtual" }, "virtual clock (instant, exact)"),
  );
  const latency = h("input", {
    type: "number",
    min: "0",
    max: "5000",
    step: "50",
    value: "500",
    "data-testid": "iot-latency",
    style: "width:6em",
  });
  const failRate = h("input", {
    type: "number",
    min: "0",
    max: "1",
    step: "0.1",
    value: "0",
    "data-testid": "iot-fail-rate",
    style: "width:5em",
  });
  const play = h("button", { type: "button", "data-testid": "iot-play" }, "Play");
  const status = h(
    "p",
    { "data-testid": "iot-status", "aria-live": "polite" },
    "Pick a program and press Play.",
  );
  const chart = h("div", { class: "dmx-timeline", "data-testid": "iot-timeline" });
  const log = h("pre", {
    "data-testid": "iot-log",
    style: "max-height:14em;overflow:auto;font-size:12px",
  });
  let controller: AbortController | undefined;
  let frame = 0;

  const draw = (steps: readonly StepRecord[], nowMs: number, scaleMs: number) => {
    chart.replaceChildren(
      ...layoutTimeline(steps, nowMs, scaleMs).map((lane) =>
        h(
          "div",
          {},
          h("span", { class: "label" }, lane.device),
          h(
            "div",
            { class: "lane", "data-device": lane.device },
            ...lane.bars.map((bar) =>
              h(
                "div",
                {
                  class: `bar${bar.failed ? " failed" : ""}`,
                  "data-type": bar.label,
                  title: bar.title,
                  style: `left:${bar.leftPct}%;width:${bar.widthPct}%`,
                },
                bar.label,
              ),
            ),
          ),
        ),
      ),
    );
  };

  play.addEventListener("click", async () => {
    controller?.abort();
    controller = new AbortController();
    const ms = Number(latency.value);
    const rate = Number(failRate.value);
    const clock: Clock = clockSelect.value === "virtual" ? new VirtualClock() : realClock;
    const origin = clock.now();
    const steps: StepRecord[] = [];
    const scale = Math.max(1, ms * 3);
    log.textContent = "";
    status.className = "";
    status.textContent = `Running ${program.value}…`;
    play.disabled = true;
    const tick = () => {
      draw(steps, clock.now() - origin, scale);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    try {
      const report = await simulate(classicPrograms[program.value as "wake-up" | "sleep"], {
        clock,
        latencyMs: ms,
        failureRate: rate,
        seed: 42,
        signal: controller.signal,
        onEvent: (event) => {
          const i = steps.findIndex((s) => s.index === event.step.index);
          if (i === -1) steps.push(event.step);
          else steps[i] = event.step;
          log.textContent += `${logLine(event.kind, event.step)}\n`;
        },
      });
      cancelAnimationFrame(frame);
      draw(report.steps, report.totalMs, Math.max(report.totalMs, 1));
      const failures = report.steps.filter((s) => s.ok === false).length;
      status.className = report.ok ? "" : "dmx-error";
      status.textContent =
        `${program.value}: total ${Math.round(report.totalMs)} ms (connect ${Math.round(report.programStartMs)} ms, ` +
        `program ${Math.round(report.programMs)} ms)` +
        (report.ok ? "" : `; ${failures} step${failures === 1 ? "" : "s"} failed`);
    } catch (error) {
      cancelAnimationFrame(frame);
      status.className = "dmx-error";
      status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      play.disabled = false;
    }
  });

  root.replaceChildren(
    h(
      "div",
      {},
      h("label", {}, "Program ", program),
      h("label", {}, " Clock ", clockSelect),
      h("label", {}, " Latency (ms) ", latency),
      h("label", {}, " Failure rate ", failRate),
      " ",
      play,
    ),
    status,
    chart,
    log,
  );
  return () => {
    controller?.abort();
    cancelAnimationFrame(frame);
  };
}
