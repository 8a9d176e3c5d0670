/** The growth plan's experiments: one label against another, with their results, and the form to start one. */
import { api, type ExperimentResult, type GrowthPlanResponse } from "../api";
import { h } from "../dom";
import { formatDate } from "../format";
import { withoutExperiment } from "../growth-state";
import { armName, messageOf } from "../growth-text";

/** `reload` reads the plan again after a start or a stop; a deleted experiment is dropped here (`show`), with no request. */
export function experimentsCard(
  data: GrowthPlanResponse,
  account: string,
  reload: () => void,
  show: (data: GrowthPlanResponse) => void,
): HTMLElement {
  const labels = data.plan.labels;
  const status = h("p", { class: "form-status muted", role: "status" });
  const options = (id: string, withNone: boolean) =>
    h(
      "select",
      { id, name: id },
      labels.map((l) => h("option", { value: l.key }, l.name)),
      withNone ? h("option", { value: "__none__" }, "Without arm A’s label") : null,
    );
  const name = h("input", {
    id: "experiment-name",
    name: "name",
    required: true,
    maxlength: 80,
    placeholder: "Short or long",
  });
  const armA = options("experiment-a", false);
  const armB = options("experiment-b", true);
  const preset = (a: string, b: string) => {
    if (labels.some((l) => l.key === a)) armA.value = a;
    if (labels.some((l) => l.key === b)) armB.value = b;
  };
  preset("length:under-30", "length:over-60");
  const form = h(
    "form",
    { class: "inline-form", id: "experiment-form" },
    h("div", { class: "field" }, h("label", { for: "experiment-name" }, "Name"), name),
    h("div", { class: "field" }, h("label", { for: "experiment-a" }, "Arm A"), armA),
    h("div", { class: "field" }, h("label", { for: "experiment-b" }, "Arm B"), armB),
    h("button", { class: "button button-small button-primary", type: "submit" }, "Start experiment"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Starting…";
    const a = { label: armA.value, negate: false };
    const b = armB.value === "__none__" ? { label: armA.value, negate: true } : { label: armB.value, negate: false };
    try {
      await api.startExperiment(account, { name: name.value, arm_a: a, arm_b: b });
      reload();
    } catch (error) {
      status.textContent = messageOf(error, "Starting the experiment didn’t work; please try again.");
    }
  });
  const results = new Map(data.plan.experiments.map((r) => [r.id, r]));
  const card = (e: GrowthPlanResponse["experiments"][number]) => {
    const r = results.get(e.id) as ExperimentResult | undefined;
    const stop = h("button", { class: "button button-small", type: "button" }, e.ended_at ? "Delete" : "Stop");
    stop.addEventListener("click", async () => {
      stop.disabled = true;
      if (e.ended_at) {
        const deleted = await api.deleteExperiment(account, e.id).then(
          () => true,
          () => false,
        );
        if (deleted) return show(withoutExperiment(data, e.id));
      } else await api.stopExperiment(account, e.id).catch(() => undefined);
      reload();
    });
    return h(
      "li",
      { class: "experiment", "data-experiment": e.id, "data-verdict": r?.verdict ?? "collecting" },
      h(
        "div",
        { class: "goal-head" },
        h("strong", null, e.name),
        h("span", { class: "muted" }, ` ${armName(e.arm_a, labels)} vs ${armName(e.arm_b, labels)}`),
        stop,
      ),
      h("p", null, r?.summary ?? "Collecting."),
      h(
        "p",
        { class: "muted" },
        `Since ${formatDate(e.started_at)}${e.ended_at ? `, stopped ${formatDate(e.ended_at)}` : ""} · A: ${r?.arms.a.videos.length ?? 0} videos, B: ${r?.arms.b.videos.length ?? 0} videos. The interval stays valid however often you look.`,
      ),
    );
  };
  return h(
    "section",
    { class: "card growth-card", "aria-labelledby": "experiments-title", id: "experiments" },
    h("div", { class: "card-head" }, h("h2", { id: "experiments-title" }, "Experiments")),
    data.experiments.length
      ? h("ul", { class: "experiment-list" }, data.experiments.map(card))
      : h(
          "p",
          { class: "empty muted" },
          "No experiment yet. Pick two kinds of video: every new one that fits joins its arm, and Adam says which gets more views at 24 h once the evidence is there.",
        ),
    form,
    status,
  );
}
