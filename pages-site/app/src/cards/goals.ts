/** The growth plan's goals, with their chance and likely date, and the form to set one. */
import { api, type GrowthPlanResponse } from "../api";
import { h } from "../dom";
import { formatCount, formatDate } from "../format";
import { withoutGoal } from "../growth-state";
import { goalLine, messageOf } from "../growth-text";

/** `reload` reads the plan again after a new goal; a removed goal is dropped here (`show`), with no request. */
export function goalsCard(
  data: GrowthPlanResponse,
  account: string,
  reload: () => void,
  show: (data: GrowthPlanResponse) => void,
): HTMLElement {
  const status = h("p", { class: "form-status muted", role: "status" });
  const kind = h(
    "select",
    { id: "goal-kind", name: "kind" },
    h("option", { value: "followers" }, "Followers"),
    h("option", { value: "views" }, "Views from today"),
  );
  const target = h("input", {
    id: "goal-target",
    name: "target",
    type: "number",
    min: 1,
    required: true,
    inputmode: "numeric",
  });
  // within the 90-day projection, so the chance is read from it
  const inMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const deadline = h("input", { id: "goal-deadline", name: "deadline", type: "date", required: true, value: inMonths });
  const form = h(
    "form",
    { class: "inline-form", id: "goal-form" },
    h("div", { class: "field" }, h("label", { for: "goal-kind" }, "Goal"), kind),
    h("div", { class: "field" }, h("label", { for: "goal-target" }, "Target"), target),
    h("div", { class: "field" }, h("label", { for: "goal-deadline" }, "By"), deadline),
    h("button", { class: "button button-small button-primary", type: "submit" }, "Set goal"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Saving…";
    try {
      await api.addGoal(account, {
        kind: kind.value as "followers" | "views",
        target: Number(target.value),
        deadline: new Date(`${deadline.value}T23:59:59`).toISOString(),
      });
      reload();
    } catch (error) {
      status.textContent = messageOf(error, "Saving the goal didn’t work; please try again.");
    }
  });
  const goals = data.plan.goals;
  return h(
    "section",
    { class: "card growth-card", "aria-labelledby": "goals-title", id: "goals" },
    h("div", { class: "card-head" }, h("h2", { id: "goals-title" }, "Goals")),
    goals.length
      ? h(
          "ul",
          { class: "goal-list" },
          goals.map((g) => {
            const remove = h("button", { class: "button button-small", type: "button" }, "Remove");
            remove.addEventListener("click", async () => {
              remove.disabled = true;
              const removed = await api.removeGoal(account, g.id).then(
                () => true,
                () => false,
              );
              if (removed) show(withoutGoal(data, g.id));
              else reload();
            });
            return h(
              "li",
              { class: "goal", "data-goal": g.id },
              h(
                "div",
                { class: "goal-head" },
                h("strong", null, `${formatCount(g.target)} ${g.kind === "followers" ? "followers" : "views"}`),
                h("span", { class: "muted" }, ` by ${formatDate(g.deadlineMs)}`),
                remove,
              ),
              h("progress", { max: 1, value: g.progress, "aria-label": `${Math.round(g.progress * 100)}% of the way` }),
              h("p", { class: "muted goal-line" }, `${formatCount(g.current)} now · `, goalLine(g)),
            );
          }),
        )
      : h(
          "p",
          { class: "empty muted" },
          "No goal yet. Set one: Adam tells you your chance of making it and when you likely will.",
        ),
    form,
    status,
  );
}
