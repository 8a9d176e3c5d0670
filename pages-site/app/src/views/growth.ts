/**
 * The growth plan of one account: best time to post (from the creator's own results, beside when
 * their audience watches), goals with their chance and likely date, this week's missions and the
 * streak, experiments, and content labels with how each label's videos do. One request loads it
 * all; every change (a goal, an experiment, a label, the time zone) reloads it.
 */
import {
  api,
  type ArmInput,
  type BestTimeWindow,
  type ExperimentResult,
  type GoalStatus,
  type GrowthPlanResponse,
  type LabelStat,
  type Mission,
} from "../api";
import { fill, fillHead, h } from "../dom";
import { formatCount, formatDate } from "../format";
import { ApiError } from "../http";
import { href } from "../router";
import { user } from "../session";
import { connectEmptyState } from "./connect";
import { section, skeleton, type View } from "./view";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

function zones(current: string): string[] {
  const all =
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return [...new Set([current, browserZone(), "UTC", ...all])];
}

function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.details.length) return error.details.map((d) => d.message).join("; ");
  if (error instanceof ApiError && error.status !== 0 && error.status < 500) return error.message;
  return fallback;
}

const percent = (ratio: number) => {
  const p = Math.round((ratio - 1) * 100);
  return `${p >= 0 ? "+" : "−"}${Math.abs(p)}%`;
};
const range = (e: { ratio: number; low: number; high: number }) =>
  `${percent(e.ratio)} (${percent(e.low)} to ${percent(e.high)})`;

function bestTimeCard(plan: GrowthPlanResponse["plan"]): HTMLElement {
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

function goalLine(g: GoalStatus): string {
  if (g.achieved) return "Reached. Well done.";
  const chance =
    g.probability === null ? "" : `${Math.round(g.probability * 100)}% chance by ${formatDate(g.deadlineMs)}`;
  const likely = g.likelyDateMs ? ` · likely ${formatDate(g.likelyDateMs)}` : "";
  return [chance + likely, g.note].filter(Boolean).join(" · ");
}

function goalsCard(data: GrowthPlanResponse, account: string, reload: () => void): HTMLElement {
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
              await api.removeGoal(account, g.id).catch(() => undefined);
              reload();
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

function missionsCard(plan: GrowthPlanResponse["plan"]): HTMLElement {
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

function armName(arm: ArmInput, labels: LabelStat[]): string {
  const name = labels.find((l) => l.key === arm.label)?.name ?? arm.label;
  return arm.negate ? `not ${name}` : name;
}

function experimentsCard(data: GrowthPlanResponse, account: string, reload: () => void): HTMLElement {
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
      await (e.ended_at ? api.deleteExperiment(account, e.id) : api.stopExperiment(account, e.id)).catch(
        () => undefined,
      );
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

function labelsCard(data: GrowthPlanResponse, account: string, reload: () => void): HTMLElement {
  const status = h("p", { class: "form-status muted", role: "status" });
  const video = h(
    "select",
    { id: "label-video", name: "video" },
    data.videos.map((v) =>
      h("option", { value: v.id }, `${(v.title ?? "Untitled").slice(0, 50)} · ${formatDate(v.created_at)}`),
    ),
  );
  const name = h("input", { id: "label-name", name: "label", required: true, maxlength: 40, placeholder: "collab" });
  const form = h(
    "form",
    { class: "inline-form", id: "label-form" },
    h("div", { class: "field field-wide" }, h("label", { for: "label-video" }, "Video"), video),
    h("div", { class: "field" }, h("label", { for: "label-name" }, "Label"), name),
    h("button", { class: "button button-small button-primary", type: "submit" }, "Add label"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Saving…";
    try {
      await api.addLabel(account, video.value, name.value);
      reload();
    } catch (error) {
      status.textContent = messageOf(error, "Adding the label didn’t work; please try again.");
    }
  });
  const effect = (e: LabelStat["h24"]) => (e ? range(e) : "—");
  const manual = data.videos.flatMap((v) => v.manual_labels.map((l) => ({ video: v, label: l })));
  return h(
    "section",
    { class: "card growth-card", "aria-labelledby": "labels-title", id: "labels" },
    h("div", { class: "card-head" }, h("h2", { id: "labels-title" }, "Content labels")),
    h(
      "p",
      { class: "muted" },
      "How each label’s videos did against your other videos, at the same age and against your trend (90% intervals).",
    ),
    data.plan.labels.length
      ? h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "label-table" },
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                h("th", { scope: "col" }, "Label"),
                h("th", { scope: "col" }, "Videos"),
                h("th", { scope: "col" }, "At 24 h"),
                h("th", { scope: "col" }, "At 7 days"),
              ),
            ),
            h(
              "tbody",
              null,
              data.plan.labels.map((l) =>
                h(
                  "tr",
                  { "data-label": l.key },
                  h("th", { scope: "row" }, l.name, l.kind === "manual" ? h("span", { class: "tag" }, "yours") : null),
                  h("td", null, String(l.videos)),
                  l.h24 ? h("td", null, effect(l.h24)) : h("td", { class: "muted", colspan: 2 }, l.note ?? "—"),
                  l.h24 ? h("td", null, effect(l.d7)) : null,
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "empty muted" }, "Labels appear with your first videos."),
    h("h3", null, "Your own labels"),
    manual.length
      ? h(
          "ul",
          { class: "manual-labels" },
          manual.map(({ video: v, label }) => {
            const remove = h(
              "button",
              {
                class: "button button-small",
                type: "button",
                "aria-label": `Remove ${label} from ${v.title ?? "video"}`,
              },
              "Remove",
            );
            remove.addEventListener("click", async () => {
              remove.disabled = true;
              await api.removeLabel(account, v.id, label).catch(() => undefined);
              reload();
            });
            return h(
              "li",
              { "data-manual-label": label },
              h("span", { class: "tag" }, label),
              ` ${(v.title ?? "Untitled").slice(0, 50)} `,
              remove,
            );
          }),
        )
      : null,
    data.videos.length ? form : null,
    status,
  );
}

export const growthView =
  (requested: string | null): View =>
  (main) => {
    let live = true;
    const ids = user()?.tiktok_account_ids ?? [];
    if (!ids.length) {
      main.append(connectEmptyState());
      document.title = "Connect TikTok — Adam";
      return;
    }
    const account = requested && ids.includes(requested) ? requested : (ids[0] as string);
    const head = h(
      "div",
      { class: "page-head" },
      h("div", null, h("h1", { tabindex: -1 }, "Growth plan"), skeleton("line")),
    );
    const body = h("div", { class: "growth-body", "aria-busy": "true" }, skeleton("card"), skeleton("card"));
    main.append(head, body);
    document.title = "Growth plan — Adam";

    const zoneControl = (data: GrowthPlanResponse) => {
      const zone = h(
        "select",
        { id: "coach-time-zone" },
        zones(data.time_zone).map((z) => h("option", { value: z, selected: z === data.time_zone }, z)),
      );
      const note = h(
        "span",
        { class: "muted", role: "status" },
        data.time_zone_source === "saved" ? "" : "from this browser",
      );
      zone.addEventListener("change", async () => {
        note.textContent = "Saving…";
        try {
          await api.saveTimeZone(account, zone.value);
          load();
        } catch (error) {
          note.textContent = messageOf(error, "Saving didn’t work.");
        }
      });
      return h("div", { class: "field field-inline" }, h("label", { for: "coach-time-zone" }, "Time zone"), zone, note);
    };

    const render = (data: GrowthPlanResponse) => {
      fillHead(
        head,
        h(
          "div",
          null,
          h("h1", { tabindex: -1 }, "Growth plan"),
          h(
            "p",
            { class: "muted" },
            "Computed from your own videos: when you post, how long they are, what they’re tagged with. ",
            h("a", { href: href.overview(account) }, "Back to the overview"),
          ),
        ),
        h("div", { class: "actions" }, zoneControl(data)),
      );
      fill(
        body,
        h(
          "div",
          { class: "growth-grid" },
          bestTimeCard(data.plan),
          missionsCard(data.plan),
          goalsCard(data, account, load),
          experimentsCard(data, account, load),
        ),
        labelsCard(data, account, load),
      );
    };
    function load(): void {
      void section(
        body,
        () => api.growthPlan(account, browserZone()),
        render,
        () => live,
      );
    }
    load();
    return () => {
      live = false;
    };
  };
