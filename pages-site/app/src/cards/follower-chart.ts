/** The overview's follower chart: the last 30 days, with the 90-day projection or without it. */
import type { AccountSeries, Metrics } from "../api";
import { followerChart, type Chart } from "../charts";
import type { Component } from "../component";
import { h } from "../dom";
import { followerSummary } from "../summaries";

export function followerChartCard(m: Metrics, series: AccountSeries): Component {
  const chartEl = h("div", { class: "plot", id: "follower-chart" });
  const chartBox = h("div", { class: "plot-box" });
  // With the projection (the default) or the 30 days alone, at a scale that shows their detail.
  let withProjection = true;
  let plot: Chart | null = null;
  const draw = () => {
    plot?.destroy();
    chartEl.replaceChildren();
    plot = followerChart(chartEl, series, withProjection ? (m.summary.followerProjection ?? null) : null);
  };
  const drawable = series.t.length >= 2;
  const rangeButtons = (["projection", "history"] as const).map((key) =>
    h(
      "button",
      { type: "button", "data-range": key, "aria-pressed": String(key === "projection") },
      key === "projection" ? "With projection" : "Last 30 days",
    ),
  );
  for (const button of rangeButtons) {
    button.addEventListener("click", () => {
      withProjection = button.dataset.range === "projection";
      for (const b of rangeButtons) b.setAttribute("aria-pressed", String(b === button));
      if (drawable) draw();
    });
  }
  chartBox.append(
    drawable ? chartEl : h("p", { class: "empty" }, "The chart fills in as snapshots arrive, one every 30 minutes."),
  );
  const el = h(
    "section",
    { class: "card plot-card", "aria-labelledby": "followers-title" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "followers-title" }, "Followers"),
      h("div", { class: "segmented", role: "group", "aria-label": "Follower chart shows" }, rangeButtons),
    ),
    chartBox,
    h(
      "p",
      { class: "legend-note muted" },
      h("span", { class: "swatch swatch-cyan", "aria-hidden": "true" }),
      "followers, last 30 days ",
      h("span", { class: "swatch swatch-band", "aria-hidden": "true" }),
      "projection for the next 90 days: likely, and the 80% range",
    ),
    h("p", { class: "plot-summary muted" }, followerSummary(m, series.t, series.followers)),
  );
  return {
    el,
    mounted: () => {
      if (drawable) draw();
    },
    destroy: () => plot?.destroy(),
  };
}
