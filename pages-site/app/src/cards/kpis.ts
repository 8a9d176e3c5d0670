/** The overview's key figures: followers, views, likes and engagement, each with its 24-hour and 7-day change. */
import type { Metrics, WindowChange } from "../api";
import { still, type Component } from "../component";
import { slug } from "../csv";
import { h } from "../dom";
import { formatChange, formatCount, formatNumber, formatPercent, formatPoints } from "../format";

function kpi(
  label: string,
  value: string,
  exact: number | null,
  change: WindowChange | null,
  o: { note?: string; format?: (n: number) => string; unit?: string } = {},
): HTMLElement {
  const format = o.format ?? formatChange;
  const line = (n: number | null, window: string) =>
    n === null
      ? null
      : h(
          "span",
          { class: `change ${n > 0 ? "up" : n < 0 ? "down" : "flat"}` },
          format(n),
          h("span", { class: "muted" }, ` ${window}`),
        );
  const changes = change ? [line(change.h24, "24 h"), line(change.d7, "7 days")].filter(Boolean) : [];
  return h(
    "article",
    { class: "kpi-card", "data-kpi": slug(label) },
    h("h2", { class: "kpi-label" }, label),
    h("p", { class: "kpi-value", title: exact === null ? null : formatNumber(exact) }, value),
    h(
      "p",
      { class: "kpi-change" },
      changes.length ? changes : h("span", { class: "muted" }, o.note ?? "Change shows after a day of snapshots"),
    ),
    o.unit ? h("p", { class: "kpi-unit muted" }, o.unit) : null,
  );
}

export function kpisCard(m: Metrics): Component {
  const changes = m.summary.changes;
  const none = { h24: null, d7: null };
  return still(
    h(
      "section",
      { class: "kpis", "aria-label": "Key figures" },
      kpi("Followers", formatCount(m.followers), m.followers, changes?.followers ?? none),
      kpi("Views", formatCount(m.views), m.views, changes?.views ?? none),
      kpi("Likes", formatCount(m.likes), m.likes, changes?.likes ?? none),
      kpi(
        "Engagement rate",
        formatPercent(m.engagement_rate ?? m.summary.engagementRate),
        null,
        changes?.engagementRate ?? none,
        { format: formatPoints, unit: "Likes, comments and shares per view, 20 newest videos" },
      ),
    ),
  );
}
