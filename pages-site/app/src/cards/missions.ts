/** The growth plan's missions for this week and the streak. */
import type { GrowthPlanResponse, Mission } from "../api";
import { h } from "../dom";

export function missionsCard(plan: GrowthPlanResponse["plan"]): HTMLElement {
  const m = plan.missions;
  const item = (x: Mission) =>
    h(
      "li",
      { class: `mission${x.completed ? " done" : ""}`, "data-mission": x.kind },
      h("span", { class: "mission-check", "aria-hidden": "true" }, x.completed ? "✓" : ""),
      h(
        "div",
        null,
        h("strong", null, x.title),
        h("span", { class: "visually-hidden" }, x.completed ? " (done)" : ""),
        h("p", { class: "muted" }, `${x.done} of ${x.target} · ${x.reason}`),
      ),
    );
  return h(
    "section",
    { class: "card growth-card", "aria-labelledby": "missions-title", id: "missions" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "missions-title" }, "This week’s missions"),
      h("span", { class: "tag", id: "streak" }, `Streak: ${m.streak} week${m.streak === 1 ? "" : "s"}`),
    ),
    m.current.missions.length
      ? h("ul", { class: "mission-list" }, m.current.missions.map(item))
      : h("p", { class: "empty muted" }, "Missions start once Adam has seen a few of your videos."),
    h("p", { class: "muted" }, "Adam checks every mission from your posts itself: nothing to tick off."),
  );
}
