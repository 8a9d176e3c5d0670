/** A video's counters: views, likes, comments, shares and engagement. */
import type { Video } from "../api";
import { still, type Component } from "../component";
import { h } from "../dom";
import { formatCount, formatNumber, formatPercent } from "../format";

function stat(label: string, value: string, exact?: number): HTMLElement {
  return h(
    "article",
    { class: "kpi-card small-kpi" },
    h("h2", { class: "kpi-label" }, label),
    h("p", { class: "kpi-value", title: exact === undefined ? null : formatNumber(exact) }, value),
  );
}

export function videoStatsCard(v: Video): Component {
  return still(
    h(
      "section",
      { class: "kpis kpis-5", "aria-label": "Counters" },
      stat("Views", formatCount(v.views), v.views),
      stat("Likes", formatCount(v.likes), v.likes),
      stat("Comments", formatCount(v.comments), v.comments),
      stat("Shares", formatCount(v.shares), v.shares),
      stat("Engagement", formatPercent(v.engagement_rate)),
    ),
  );
}
