/** A video's forecast for its first 24 hours and first 7 days, with the 80% range and what it was fitted on. */
import type { Forecast, Video } from "../api";
import { still, type Component } from "../component";
import { h } from "../dom";
import { formatAge, formatCount, formatNumber } from "../format";

function forecastRow(label: string, f: Forecast | null | undefined): HTMLElement {
  if (!f)
    return h(
      "div",
      { class: "forecast" },
      h("dt", null, label),
      h("dd", { class: "muted" }, "Needs the video’s first hour of snapshots"),
    );
  if (f.observed)
    return h(
      "div",
      { class: "forecast" },
      h("dt", null, label),
      h("dd", null, h("strong", null, formatNumber(f.p50)), h("span", { class: "muted" }, " views (reached)")),
    );
  return h(
    "div",
    { class: "forecast" },
    h("dt", null, label),
    h(
      "dd",
      null,
      h("strong", null, `~${formatCount(f.p50)}`),
      h("span", { class: "range" }, ` likely ${formatCount(f.p10)}–${formatCount(f.p90)}`),
      h(
        "span",
        { class: "muted small block" },
        `From ${formatNumber(f.fromViews)} views at ${formatAge(f.fromAgeHours)}; ${f.fittedOn ? `fitted on ${f.fittedOn} of your videos` : "a general model until Adam has seen more of your videos"}. 80% range.`,
      ),
    ),
  );
}

export function forecastCard(v: Video): Component {
  return still(
    h(
      "section",
      { class: "card", "aria-labelledby": "forecast-title" },
      h("h2", { id: "forecast-title" }, "Forecast"),
      h(
        "dl",
        { class: "forecasts" },
        forecastRow("First 24 hours", v.analytics.forecast?.views24h),
        forecastRow("First 7 days", v.analytics.forecast?.views7d),
      ),
    ),
  );
}
