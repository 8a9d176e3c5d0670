/**
 * A video's first hours against the creator's typical video at the same age: total views with the
 * P10–P90 band, or views per hour with the P25–P75 band.
 */
import type { Metrics, Video, VideoSeries } from "../api";
import { velocityChart, type Chart, type VelocityMode } from "../charts";
import type { Component } from "../component";
import { h } from "../dom";
import { chartMaxAge, curveSummary } from "../summaries";

/** `account` brings the typical curve (the account's summary). */
export function velocityChartCard(v: Video, series: VideoSeries, account: Metrics | null): Component {
  const created = Date.parse(v.create_time);
  const maxAge = chartMaxAge(v.create_time, series.fetched);
  const chartEl = h("div", { class: "plot", id: "velocity-chart" });
  let mode: VelocityMode = "total";
  let chart: Chart | null = null;
  const toggles = (["total", "rate"] as const).map((m) =>
    h(
      "button",
      { type: "button", "aria-pressed": m === mode ? "true" : "false", "data-mode": m },
      m === "total" ? "Total views" : "Views per hour",
    ),
  );
  const draw = () => {
    chart?.destroy();
    chartEl.replaceChildren();
    chart = velocityChart(chartEl, created, series, account?.summary.typicalCurve, maxAge, mode);
    toggles.forEach((t) => t.setAttribute("aria-pressed", String(t.dataset.mode === mode)));
  };
  toggles.forEach((t) =>
    t.addEventListener("click", () => {
      mode = t.dataset.mode as VelocityMode;
      draw();
    }),
  );
  const typicalVideos = account?.summary.typicalCurve?.videos ?? 0;
  const el = h(
    "section",
    { class: "card plot-card", "aria-labelledby": "curve-title" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "curve-title" }, "First hours against your typical video"),
      h("div", { class: "segmented", role: "group", "aria-label": "Chart shows" }, toggles),
    ),
    series.t.length ? chartEl : h("p", { class: "empty" }, "The curve starts with this video’s first snapshot."),
    h("p", { class: "plot-summary muted" }, curveSummary(v, series, account, maxAge)),
    h(
      "p",
      { class: "legend-note muted small" },
      h("span", { class: "swatch swatch-cyan", "aria-hidden": "true" }),
      "this video ",
      h("span", { class: "swatch swatch-violet", "aria-hidden": "true" }),
      typicalVideos
        ? `your typical video at the same age, from ${typicalVideos} recent videos (band: middle 80%, or middle 50% per hour)`
        : "your typical video (after a few tracked videos)",
    ),
  );
  return {
    el,
    mounted: () => {
      if (series.t.length) draw();
    },
    destroy: () => chart?.destroy(),
  };
}
