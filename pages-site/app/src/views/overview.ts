/**
 * The overview of one account: how fresh the data is, the KPI cards, the follower chart with its
 * projection, insight cards, watch time and the sortable video table, plus CSV exports. One
 * request (the overview answer) fills every card; an account not snapshotted yet is asked again
 * until its first snapshot lands.
 */
import { accountName } from "../account-name";
import { api, type Metrics, type Overview } from "../api";
import { followerChartCard } from "../cards/follower-chart";
import { insightsCard } from "../cards/insights";
import { kpisCard } from "../cards/kpis";
import { syncedLine } from "../cards/synced-line";
import { videoTableCard } from "../cards/video-table";
import { watchOverviewCard } from "../cards/watch-overview";
import { place, scope } from "../component";
import { slug } from "../csv";
import { accountHistoryTable } from "../csv-rows";
import { fill, fillHead, h } from "../dom";
import { exportButton, saveCsv } from "../export-button";
import { href } from "../router";
import { user } from "../session";
import { connectButton, connectEmptyState } from "./connect";
import { section, skeleton, type View } from "./view";

const FIRST_SNAPSHOT_POLL_MS = 15_000;
/** The account history CSV: a separate, explicit request (the overview answer holds 30 days). */
const EXPORT_DAYS = 365;

export const STATUS_PROMPTS: Record<string, string> = {
  needs_reconnect:
    "TikTok no longer accepts Adam’s access to this account (it expired or was removed on TikTok), so snapshots have paused. Reconnect to pick up where you left off: your history is kept.",
  missing_scopes:
    "Adam needs permission to read your stats and your videos, and some boxes were unticked on TikTok. Reconnect and leave every box ticked.",
  revoked: "Access to this account was removed on TikTok. Reconnect to resume snapshots.",
};

async function exportAccount(m: Metrics): Promise<void> {
  const { series } = await api.accountHistory(m.id, EXPORT_DAYS);
  saveCsv(`adam-${slug(m.username ?? m.id)}-account-history.csv`, accountHistoryTable(series));
}

/** The account switcher, from `/api/v1/me` (the session budget, not a data request); null with one account. */
async function switcher(ids: string[], id: string): Promise<HTMLElement | null> {
  if (ids.length < 2) return null;
  const { accounts } = await api.me().catch(() => ({ accounts: [] }));
  const select = h(
    "select",
    {
      id: "account-switch",
      onchange: (e: Event) => (location.hash = href.overview((e.target as HTMLSelectElement).value)),
    },
    accounts.map((a) => h("option", { value: a.id, selected: a.id === id }, accountName(a))),
  );
  return accounts.length > 1
    ? h("label", { class: "switcher" }, h("span", { class: "visually-hidden" }, "Account"), select)
    : null;
}

const firstSnapshotHero = () =>
  h(
    "section",
    { class: "empty-hero card", "aria-labelledby": "first-title" },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    h("h2", { id: "first-title" }, "Your first snapshot is on its way"),
    h(
      "p",
      { class: "muted" },
      "Adam is reading your account and videos from TikTok now. This page updates by itself within a few minutes; after that a new snapshot lands every 30 minutes.",
    ),
  );

export const overviewView =
  (requested: string | null, justConnected: string | null): View =>
  (main) => {
    const ids = user()?.tiktok_account_ids ?? [];
    if (!ids.length) {
      main.append(connectEmptyState());
      document.title = "Connect TikTok — Adam";
      return;
    }
    const screen = scope();
    /** The cards of the answer on show, replaced by the next answer's. */
    let shown = scope();
    screen.own(() => shown.destroy());
    const id = [requested, justConnected].find((x) => x && ids.includes(x)) ?? (ids[0] as string);
    const head = h("div", { class: "page-head" }, h("h1", { tabindex: -1 }, "Your account"), skeleton("line"));
    const prompt = h("div");
    const body = h(
      "div",
      { class: "overview-body", "aria-busy": "true" },
      h(
        "div",
        { class: "kpis" },
        [0, 1, 2, 3].map(() => skeleton("kpi")),
      ),
      skeleton("chart"),
    );
    main.append(head, prompt, body);
    document.title = "Overview — Adam";

    const renderHead = (m: Metrics) => {
      const synced = shown.own(syncedLine(m.last_synced_at, m.status !== "active"));
      fillHead(
        head,
        h(
          "div",
          { class: "identity" },
          m.avatar_url ? h("img", { class: "avatar", src: m.avatar_url, alt: "", width: 48, height: 48 }) : null,
          h(
            "div",
            null,
            h("h1", { tabindex: -1 }, accountName(m)),
            h("p", { class: "muted handle" }, m.username ? `@${m.username}` : "", m.username ? " · " : "", synced.el),
          ),
        ),
        h(
          "div",
          { class: "actions", id: "head-actions" },
          m.last_synced_at ? exportButton("Account history (CSV)", () => exportAccount(m)) : null,
        ),
      );
      void switcher(ids, id).then((s) => s && screen.live && head.querySelector("#head-actions")?.prepend(s));
      fill(
        prompt,
        m.status === "active"
          ? null
          : h(
              "div",
              { class: "prompt", role: "alert" },
              h("p", null, STATUS_PROMPTS[m.status] ?? "This account needs to be reconnected."),
              connectButton("Reconnect TikTok"),
            ),
      );
    };

    const renderData = (o: Overview) => {
      const m = o.account;
      place(
        body,
        shown.own(kpisCard(m)),
        shown.own(followerChartCard(m, o.series)),
        shown.own(insightsCard(o.insights, m.id)),
        shown.own(watchOverviewCard(m.id, o.watch)),
        shown.own(videoTableCard(m, o.videos)),
      );
    };

    const load = (fresh = false): Promise<void> =>
      section(
        body,
        () => api.overview(id, fresh),
        (o) => {
          shown.destroy();
          shown = scope();
          renderHead(o.account);
          if (o.account.last_synced_at) return renderData(o);
          body.append(firstSnapshotHero());
          const timer = window.setTimeout(() => void load(true), FIRST_SNAPSHOT_POLL_MS);
          shown.own(() => window.clearTimeout(timer));
        },
        () => screen.live,
      );
    void load();

    return screen.destroy;
  };
