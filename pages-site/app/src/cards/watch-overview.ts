/**
 * The overview's watch-time card (TikTok's Accounts API, the optional second connection): what it
 * adds and a button to add it, or watch time by day and when followers are on TikTok.
 */
import { api, type AccountWatch } from "../api";
import { still, type Component } from "../component";
import { slug } from "../csv";
import { watchDaysTable } from "../csv-rows";
import { append, h, icon } from "../dom";
import { saveCsv } from "../export-button";
import { formatDateTime, formatNumber } from "../format";
import { showNotice } from "../notice";
import { pct, seconds } from "./watch-figures";

const WHAT_IT_ADDS =
  "TikTok’s own analytics for your videos: how long people watch, where they swipe away (the retention curve and your hook at 3 seconds), where views come from (For You, Following, Search…), who watched, and when your followers are on TikTok. Adam uses them to say why a video dropped or started slowly. It arrives a day or two late, as TikTok reports it; everything else works without it.";

function addButton(accountId: string, text: string): HTMLButtonElement {
  const button = h("button", { class: "button button-small", type: "button", "data-watch-connect": "" }, text);
  button.addEventListener("click", async () => {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "Opening TikTok…";
    try {
      location.assign(await api.watchConnectUrl(accountId));
    } catch {
      button.disabled = false;
      button.textContent = label;
      showNotice("connect", "error", "Couldn’t open TikTok. Please try again.");
    }
  });
  return button;
}

function activityBars(activity: NonNullable<AccountWatch["activity"]>): HTMLElement {
  const max = Math.max(1, ...activity.hours.map((x) => x ?? 0));
  return h(
    "div",
    { class: "activity" },
    h(
      "ol",
      { class: "activity-bars", "aria-hidden": "true" },
      activity.hours.map((v, hour) => {
        const bar = h(
          "li",
          {
            class: activity.best_hours.includes(hour) ? "best" : null,
            title: `${String(hour).padStart(2, "0")}:00 UTC: ${v === null ? "not reported" : formatNumber(Math.round(v))}`,
          },
          h("span", null, hour % 6 === 0 ? String(hour).padStart(2, "0") : ""),
        );
        // through the CSSOM: the CSP (style-src 'self') refuses style attributes
        bar.style.setProperty("--h", `${v === null ? 0 : Math.max(2, Math.round((v / max) * 100))}%`);
        return bar;
      }),
    ),
    h(
      "p",
      { class: "muted small" },
      `Followers on TikTok by hour (UTC), averaged over ${activity.days} days. Busiest: ${activity.best_hours
        .map((hour) => `${String(hour).padStart(2, "0")}:00`)
        .join(", ")} UTC.`,
    ),
  );
}

function kpi(label: string, value: string, note: string): HTMLElement {
  return h(
    "article",
    { class: "kpi-card small-kpi" },
    h("h3", { class: "kpi-label" }, label),
    h("p", { class: "kpi-value" }, value),
    h("p", { class: "muted small" }, note),
  );
}

/** What the insights add, and the button to add them (again). */
function offer(body: HTMLElement, accountId: string, status: AccountWatch["connection"]["status"]): void {
  append(body, [
    h("p", { class: "muted" }, WHAT_IT_ADDS),
    status
      ? h(
          "p",
          { class: "notice-inline" },
          status === "missing_scopes"
            ? "TikTok’s video analytics weren’t allowed last time: add them again and tick every box."
            : status === "revoked"
              ? "Watch-time insights were removed. What Adam read is kept: adding them again continues it."
              : "TikTok no longer lets Adam read these analytics: add them again to continue.",
        )
      : null,
    addButton(accountId, status ? "Add watch-time insights again" : "Add watch-time insights"),
  ]);
}

export function watchOverviewCard(accountId: string, w: AccountWatch): Component {
  const body = h("div");
  const actions = h("div", { class: "actions" });
  const card = h(
    "section",
    { class: "card watch-card", "aria-labelledby": "watch-title", id: "watch-overview" },
    h("div", { class: "card-head" }, h("h2", { id: "watch-title" }, "Watch time and audience"), actions),
    body,
  );
  const status = w.connection.status;
  if (!w.connection.available) {
    body.append(h("p", { class: "empty" }, "Watch-time insights aren’t offered on this Adam."));
    return still(card);
  }
  if (status === null || status !== "active") {
    offer(body, accountId, status);
    return still(card);
  }
  const latest = w.watch_time.at(-1);
  const total = w.watch_time.slice(-7).reduce((sum, d) => sum + d.hours_watched, 0);
  const csv = h("button", { class: "button button-small", type: "button" }, icon("download"), "Daily (CSV)");
  csv.addEventListener("click", () => saveCsv(`adam-${slug(accountId)}-tiktok-daily.csv`, watchDaysTable(w)));
  actions.append(csv);
  body.append(
    h(
      "div",
      { class: "kpis kpis-4 watch-kpis" },
      kpi(
        "Watch time, last 7 days",
        w.watch_time.length ? `${formatNumber(Math.round(total))} h` : "—",
        latest ? `${formatNumber(Math.round(latest.hours_watched))} h on ${latest.day}` : "After two daily reads",
      ),
      kpi("Typical hook (3 s)", pct(w.typical.hook), `your ${w.typical.videos} settled videos`),
      kpi("Typical watch time", seconds(w.typical.average_seconds), "average per view"),
      kpi("Typical completion", pct(w.typical.completion), "watched to the end"),
    ),
    w.activity
      ? activityBars(w.activity)
      : h("p", { class: "empty" }, "TikTok reports follower activity only for accounts with 100 followers or more."),
    h(
      "p",
      { class: "muted small" },
      w.connection.data_through
        ? `TikTok’s data through ${w.connection.data_through}; read ${w.connection.last_fetched_at ? formatDateTime(w.connection.last_fetched_at) : "—"}. TikTok reports a day or two late.`
        : "The first read is on its way: TikTok reports a day or two late.",
    ),
  );
  return still(card);
}
