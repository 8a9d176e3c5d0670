/** A video's spikes and drops: how far from the expected pace, when, and how sure Adam is. */
import type { Anomaly } from "../api";
import { still, type Component } from "../component";
import { h } from "../dom";
import { formatDateTime, formatNumber, formatRatio } from "../format";

function anomalyItem(a: Anomaly): HTMLElement {
  const ratio = typeof a.details.ratio === "number" ? a.details.ratio : null;
  const evidence = typeof a.details.evidence === "string" ? a.details.evidence : null;
  const sureness = typeof a.details.confidenceText === "string" ? a.details.confidenceText : null;
  return h(
    "li",
    { class: `anomaly anomaly-${a.kind}` },
    h(
      "p",
      { class: "anomaly-title" },
      h("span", { class: `tag tag-${a.severity}` }, a.severity),
      ` ${a.kind === "spike" ? "Spike" : "Drop"} in ${a.metric}`,
      ratio === null ? "" : `: ${formatRatio(ratio)} the expected pace`,
    ),
    h(
      "p",
      null,
      evidence ??
        `${formatNumber(a.observed)} gained between ${formatDateTime(a.window_start)} and ${formatDateTime(a.window_end)}, where about ${formatNumber(a.expected)} was expected.`,
    ),
    h(
      "p",
      { class: "muted small" },
      `${sureness ? `Adam's confidence: ${sureness}. ` : ""}From ${formatDateTime(a.window_start)} to ${formatDateTime(a.window_end)}; detected ${formatDateTime(a.detected_at)}.`,
    ),
  );
}

export function anomaliesCard(anomalies: Anomaly[]): Component {
  return still(
    h(
      "section",
      { class: "card", "aria-labelledby": "anomalies-title" },
      h("h2", { id: "anomalies-title" }, "Spikes and drops"),
      h(
        "div",
        null,
        anomalies.length
          ? h("ul", { class: "anomalies" }, anomalies.map(anomalyItem))
          : h("p", { class: "empty" }, "Nothing unusual so far: no spike or drop beyond this video’s own trend."),
      ),
    ),
  );
}
