/** Where a video stands at each age against the creator's earlier videos at the same age. */
import type { Video } from "../api";
import { still, type Component } from "../component";
import { h } from "../dom";
import { formatAge, formatNumber, formatRatio, paceAgainst } from "../format";

function percentiles(v: Video): HTMLElement {
  const list = v.analytics.percentiles ?? [];
  if (!list.length)
    return h(
      "p",
      { class: "empty" },
      "Shows once the video reaches 1 hour with snapshots and Adam has a few of your earlier videos to compare with.",
    );
  return h(
    "table",
    { class: "compact" },
    h("caption", { class: "visually-hidden" }, "This video against your earlier videos at the same age"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, "Age"),
        h("th", { scope: "col", class: "num" }, "Views"),
        h("th", { scope: "col", class: "num" }, "vs typical"),
        h("th", { scope: "col" }, "Against your recent videos"),
      ),
    ),
    h(
      "tbody",
      null,
      list.map((p) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, formatAge(p.ageHours)),
          h("td", { class: "num" }, formatNumber(p.views)),
          h("td", { class: `num ${p.ratioToTypical >= 1 ? "up" : "down"}` }, formatRatio(p.ratioToTypical)),
          h("td", null, paceAgainst(p.percentile, p.comparedWith)),
        ),
      ),
    ),
  );
}

export function percentilesCard(v: Video): Component {
  return still(
    h(
      "section",
      { class: "card", "aria-labelledby": "percentile-title" },
      h("h2", { id: "percentile-title" }, "Against your history"),
      percentiles(v),
    ),
  );
}
