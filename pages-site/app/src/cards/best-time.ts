/** The growth plan's best time to post: windows against the creator's own trend, and when the audience watches. */
import type { BestTimeWindow, GrowthPlanResponse } from "../api";
import { h } from "../dom";
import { range } from "../growth-text";

export function bestTimeCard(plan: GrowthPlanResponse["plan"]): HTMLElement {
  const t = plan.bestTime;
  const windows = t.windows.filter((w) => !w.key.startsWith("weekdays:"));
  const row = (w: BestTimeWindow) =>
    h(
      "li",
      { class: `window-row${w.reliable ? " reliable" : ""}`, "data-window": w.key },
      h("span", { class: "window-name" }, w.name),
      h("span", { class: "window-effect" }, range(w)),
      h("span", { class: "muted" }, `${w.n} videos`),
    );
  const audience = t.audienceByHour;
  const peak = audience ? Math.max(...audience) : 1;
  return h(
    "section",
    { class: "card growth-card", "aria-labelledby": "best-time-title", id: "best-time" },
    h("div", { class: "card-head" }, h("h2", { id: "best-time-title" }, "Best time to post")),
    h("p", { class: "best-answer", id: "best-time-answer" }, t.answer),
    h(
      "p",
      { class: "muted" },
      `Views at 24 h against your own trend, by when you posted (${t.timeZone}); 90% intervals, pulled towards “no difference” while the evidence is thin.`,
    ),
    windows.length ? h("ul", { class: "window-list" }, windows.map(row)) : null,
    audience
      ? h(
          "div",
          { class: "audience" },
          h("h3", null, "When your audience watches"),
          h(
            "div",
            {
              class: "hour-bars",
              role: "img",
              "aria-label": `Views per hour of day; busiest at ${audience.indexOf(peak)}:00`,
            },
            audience.map((x, hour) => {
              // CSSOM, not a style attribute: the dashboard's CSP allows no inline styles
              const bar = h("span", { class: "hour-bar", title: `${hour}:00 — ${Math.round(x * 100)}% of average` });
              bar.style.height = `${Math.round((x / peak) * 100)}%`;
              return bar;
            }),
          ),
          h(
            "div",
            { class: "hour-axis muted", "aria-hidden": "true" },
            ["0", "6", "12", "18", "24"].map((x) => h("span", null, x)),
          ),
        )
      : h("p", { class: "muted" }, "When your audience watches shows here after a day of 30-minute snapshots."),
  );
}
