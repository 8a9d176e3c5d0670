/** The overview's insight cards, most important first (as the API ranks them). */
import type { Insight } from "../api";
import { still, type Component } from "../component";
import { h } from "../dom";
import { href } from "../router";

function insightCard(i: Insight, accountId: string): HTMLElement {
  return h(
    "article",
    { class: `insight insight-${i.severity}`, "data-kind": i.kind },
    h("p", { class: "insight-kind" }, i.kind.replaceAll("_", " ")),
    h("h3", null, i.title),
    h("p", null, i.body),
    i.video_id ? h("a", { href: href.video(i.video_id), "data-account": accountId }, "See the video") : null,
  );
}

export function insightsCard(insights: Insight[], accountId: string): Component {
  return still(
    h(
      "section",
      { class: "insights-section", "aria-labelledby": "insights-title" },
      h("h2", { id: "insights-title" }, "Insights"),
      h(
        "div",
        { class: "insights" },
        insights.length
          ? insights.map((c) => insightCard(c, accountId))
          : h(
              "p",
              { class: "empty" },
              "No insights yet. They appear as Adam learns your patterns, usually once a few new videos have been tracked from their first hours.",
            ),
      ),
    ),
  );
}
