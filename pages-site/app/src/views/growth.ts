/**
 * The growth plan of one account: best time to post (from the creator's own results, beside when
 * their audience watches), goals with their chance and likely date, this week's missions and the
 * streak, experiments, and content labels with how each label's videos do. One request loads it
 * all; a change the server computes from (a new goal, an experiment started or stopped, a label,
 * the time zone) reloads it, a removed goal or deleted experiment is dropped here (growth-state.ts).
 */
import { api, type GrowthPlanResponse } from "../api";
import { bestTimeCard } from "../cards/best-time";
import { experimentsCard } from "../cards/experiments";
import { goalsCard } from "../cards/goals";
import { labelsCard } from "../cards/labels";
import { missionsCard } from "../cards/missions";
import { messageOf } from "../growth-text";
import { fill, fillHead, h } from "../dom";
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
          goalsCard(data, account, load, render),
          experimentsCard(data, account, load, render),
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
