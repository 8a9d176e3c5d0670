/**
 * The overview of one account: how fresh the data is, the KPI cards, the follower chart with its
 * projection, insight cards and the sortable video table, plus CSV exports. Four requests: metrics
 * first (it says whether there is any data yet), then history, videos and insights together.
 */
import { api, VIDEO_LIMIT, type Insight, type Metrics, type Video, type VideoSort, type WindowChange } from "../api";
import { followerChart, type Chart } from "../charts";
import { download, slug, toCsv } from "../csv";
import { watchOverviewCard } from "./watch";
import { fill, fillHead, h, icon } from "../dom";
import { formatChange, formatCount, formatDate, formatNumber, formatPercent, timeAgo } from "../format";
import { href } from "../router";
import { user } from "../session";
import { connectButton, connectEmptyState } from "./connect";
import { section, skeleton, type View } from "./view";

const FIRST_SNAPSHOT_POLL_MS = 15_000;
/** Rows shown before "Show all". */
const TABLE_ROWS = 12;
const HISTORY_DAYS = 30;
const EXPORT_DAYS = 365;

export const STATUS_PROMPTS: Record<string, string> = {
  needs_reconnect:
    "TikTok no longer accepts Adam’s access to this account (it expired or was removed on TikTok), so snapshots have paused. Reconnect to pick up where you left off: your history is kept.",
  missing_scopes:
    "Adam needs permission to read your stats and your videos, and some boxes were unticked on TikTok. Reconnect and leave every box ticked.",
  revoked: "Access to this account was removed on TikTok. Reconnect to resume snapshots.",
};

export const accountName = (m: { display_name: string | null; username: string | null }) =>
  m.display_name ?? (m.username ? `@${m.username}` : "Your TikTok account");

/** "Last synced 4 minutes ago", kept current. */
export function syncedLine(at: string | null, paused = false): { el: HTMLElement; stop: () => void } {
  const el = h("span", { class: paused ? "synced paused" : "synced" });
  const update = () => {
    if (!at) return fill(el, "Not synced yet");
    fill(
      el,
      h("span", { class: "live-dot", "aria-hidden": "true" }),
      "Last synced ",
      h("time", { datetime: at, title: new Date(at).toLocaleString() }, timeAgo(at)),
    );
  };
  update();
  const timer = window.setInterval(update, 30_000);
  return { el, stop: () => window.clearInterval(timer) };
}

function kpi(
  label: string,
  value: string,
  exact: number | null,
  change: WindowChange | null,
  o: { note?: string; format?: (n: number) => string; unit?: string } = {},
): HTMLElement {
  const format = o.format ?? formatChange;
  const line = (n: number | null, window: string) =>
    n === null
      ? null
      : h(
          "span",
          { class: `change ${n > 0 ? "up" : n < 0 ? "down" : "flat"}` },
          format(n),
          h("span", { class: "muted" }, ` ${window}`),
        );
  const changes = change ? [line(change.h24, "24 h"), line(change.d7, "7 days")].filter(Boolean) : [];
  return h(
    "article",
    { class: "kpi-card", "data-kpi": slug(label) },
    h("h2", { class: "kpi-label" }, label),
    h("p", { class: "kpi-value", title: exact === null ? null : formatNumber(exact) }, value),
    h(
      "p",
      { class: "kpi-change" },
      changes.length ? changes : h("span", { class: "muted" }, o.note ?? "Change shows after a day of snapshots"),
    ),
    o.unit ? h("p", { class: "kpi-unit muted" }, o.unit) : null,
  );
}

/** A change of a rate, in percentage points: +0.4 pt. */
function formatPoints(n: number): string {
  const points = Math.round(n * 1000) / 10;
  return points === 0 ? "±0 pt" : `${points > 0 ? "+" : "−"}${Math.abs(points)} pt`;
}

function kpiCards(m: Metrics): HTMLElement[] {
  const changes = m.summary.changes;
  return [
    kpi("Followers", formatCount(m.followers), m.followers, changes?.followers ?? { h24: null, d7: null }),
    kpi("Views", formatCount(m.views), m.views, changes?.views ?? { h24: null, d7: null }),
    kpi("Likes", formatCount(m.likes), m.likes, changes?.likes ?? { h24: null, d7: null }),
    kpi(
      "Engagement rate",
      formatPercent(m.engagement_rate ?? m.summary.engagementRate),
      null,
      changes?.engagementRate ?? { h24: null, d7: null },
      { format: formatPoints, unit: "Likes, comments and shares per view, 20 newest videos" },
    ),
  ];
}

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

const COLUMNS: { sort: VideoSort | null; label: string; cell: (v: Video) => string | Node; numeric: boolean }[] = [
  {
    sort: null,
    label: "Video",
    numeric: false,
    cell: (v) =>
      h(
        "span",
        { class: "video-cell" },
        h("a", { href: href.video(v.id) }, v.title || v.description?.slice(0, 60) || "Untitled video"),
        v.status === "unavailable" ? h("span", { class: "tag" }, "Private or deleted") : null,
      ),
  },
  { sort: "newest", label: "Posted", numeric: false, cell: (v) => formatDate(v.create_time) },
  { sort: "views", label: "Views", numeric: true, cell: (v) => formatNumber(v.views) },
  { sort: "likes", label: "Likes", numeric: true, cell: (v) => formatNumber(v.likes) },
  { sort: "comments", label: "Comments", numeric: true, cell: (v) => formatNumber(v.comments) },
  { sort: "shares", label: "Shares", numeric: true, cell: (v) => formatNumber(v.shares) },
  { sort: "engagement", label: "Engagement", numeric: true, cell: (v) => formatPercent(v.engagement_rate) },
];

const SORT_KEY: Record<VideoSort, (v: Video) => number> = {
  views: (v) => v.views,
  likes: (v) => v.likes,
  comments: (v) => v.comments,
  shares: (v) => v.shares,
  engagement: (v) => v.engagement_rate ?? -1,
  newest: (v) => Date.parse(v.create_time),
};

/** Sorted here when the table holds every video; otherwise the API picks the top ones by that column. */
function videoTable(accountId: string, first: Video[], isLive: () => boolean): HTMLElement {
  let videos = first;
  let sort: VideoSort = "views";
  let expanded = first.length <= TABLE_ROWS;
  const complete = first.length < VIDEO_LIMIT;
  const status = h("p", { class: "visually-hidden", role: "status" });
  const tbody = h("tbody");
  const heads = COLUMNS.map((c) => {
    const th = h("th", { scope: "col", class: c.numeric ? "num" : null });
    if (!c.sort) th.append(c.label);
    else {
      const key = c.sort;
      th.append(
        h(
          "button",
          { type: "button", class: "sort", "data-sort": key, onclick: () => void sortBy(key) },
          c.label,
          h("span", { class: "sort-arrow", "aria-hidden": "true" }),
        ),
      );
    }
    return th;
  });
  const render = () => {
    heads.forEach((th, i) => {
      const s = COLUMNS[i]?.sort;
      if (s === sort) th.setAttribute("aria-sort", "descending");
      else th.removeAttribute("aria-sort");
    });
    fill(
      tbody,
      (expanded ? videos : videos.slice(0, TABLE_ROWS)).map((v) =>
        h(
          "tr",
          { "data-video": v.id },
          COLUMNS.map((c, i) =>
            i === 0 ? h("th", { scope: "row" }, c.cell(v)) : h("td", { class: c.numeric ? "num" : null }, c.cell(v)),
          ),
        ),
      ),
    );
    more.hidden = expanded;
  };
  const more = h(
    "button",
    { class: "button button-small more", type: "button", "aria-controls": "videos-table" },
    `Show all ${first.length} videos`,
  );
  more.addEventListener("click", () => {
    expanded = true;
    render();
    // The next row takes the focus the button had.
    tbody.querySelectorAll<HTMLAnchorElement>("a")[TABLE_ROWS]?.focus();
  });
  const sortBy = async (key: VideoSort) => {
    sort = key;
    const label = COLUMNS.find((c) => c.sort === key)?.label.toLowerCase();
    if (complete) videos = videos.toSorted((a, b) => SORT_KEY[key](b) - SORT_KEY[key](a) || (a.id < b.id ? 1 : -1));
    else {
      table.setAttribute("aria-busy", "true");
      const next = await api.videos(accountId, key).catch(() => null);
      table.removeAttribute("aria-busy");
      if (!isLive()) return;
      if (next) videos = next.videos;
    }
    render();
    status.textContent = `Sorted by ${label}, highest first.`;
  };
  const table = h(
    "table",
    { class: "videos", id: "videos-table" },
    h("caption", { class: "visually-hidden" }, "Your videos. Column buttons sort the table, highest first."),
    h("thead", null, h("tr", null, heads)),
    tbody,
  );
  render();
  return h(
    "div",
    null,
    h("div", { class: "table-scroll", role: "region", "aria-labelledby": "videos-title", tabindex: 0 }, table),
    status,
    more,
    complete ? null : h("p", { class: "muted small" }, `Showing your top ${VIDEO_LIMIT} videos for the chosen column.`),
  );
}

function exportButton(label: string, run: () => Promise<void>): HTMLButtonElement {
  const button = h("button", { class: "button button-small", type: "button" }, icon("download"), label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await run();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

async function exportAccount(m: Metrics): Promise<void> {
  const { series } = await api.accountHistory(m.id, EXPORT_DAYS);
  const rows = series.t.map((t, i) => [
    new Date(t).toISOString(),
    series.followers[i],
    series.following[i],
    series.likes[i],
    series.videos[i],
    series.views[i],
  ]);
  download(
    `adam-${slug(m.username ?? m.id)}-account-history.csv`,
    toCsv(["time", "followers", "following", "likes", "videos", "views"], rows),
  );
}

function exportVideos(m: Metrics, videos: Video[]): void {
  const rows = videos.map((v) => [
    v.id,
    v.title ?? "",
    v.create_time,
    v.status,
    v.views,
    v.likes,
    v.comments,
    v.shares,
    v.engagement_rate,
    v.share_url ?? "",
  ]);
  download(
    `adam-${slug(m.username ?? m.id)}-videos.csv`,
    toCsv(
      ["video_id", "title", "posted_at", "status", "views", "likes", "comments", "shares", "engagement_rate", "url"],
      rows,
    ),
  );
}

function followerSummary(m: Metrics, t: number[], followers: (number | null)[]): string {
  const points = t
    .map((x, i) => [x, followers[i]] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  const first = points[0];
  const last = points.at(-1);
  const parts: string[] = [];
  if (first && last && points.length > 1)
    parts.push(
      `Followers went from ${formatNumber(first[1])} on ${formatDate(first[0])} to ${formatNumber(last[1])} on ${formatDate(last[0])}.`,
    );
  const end = m.summary.followerProjection?.points.at(-1);
  if (end)
    parts.push(
      `In 90 days: about ${formatNumber(end.p50)} followers, likely between ${formatNumber(end.p10)} and ${formatNumber(end.p90)}.`,
    );
  else parts.push("The 90-day projection appears after a few days of history.");
  return parts.join(" ");
}

export const overviewView =
  (requested: string | null, justConnected: string | null): View =>
  (main) => {
    let live = true;
    const isLive = () => live;
    const cleanups: (() => void)[] = [];
    const ids = user()?.tiktok_account_ids ?? [];
    if (!ids.length) {
      main.append(connectEmptyState());
      document.title = "Connect TikTok — Adam";
      return;
    }
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

    const switcher = async (): Promise<HTMLElement | null> => {
      if (ids.length < 2) return null;
      const { accounts } = await api.accounts().catch(() => ({ accounts: [] }));
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
    };

    const renderHead = (m: Metrics) => {
      const synced = syncedLine(m.last_synced_at, m.status !== "active");
      cleanups.push(synced.stop);
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
      void switcher().then((s) => s && isLive() && head.querySelector("#head-actions")?.prepend(s));
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

    const waitForFirstSnapshot = () => {
      fill(
        body,
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
        ),
      );
      const timer = window.setTimeout(() => void load(true), FIRST_SNAPSHOT_POLL_MS);
      cleanups.push(() => window.clearTimeout(timer));
    };

    const renderData = (m: Metrics) => {
      const chartEl = h("div", { class: "plot", id: "follower-chart" });
      const chartSummary = h("p", { class: "plot-summary muted" });
      const chartBox = h("div", { class: "plot-box", "aria-busy": "true" }, skeleton("chart"));
      const insights = h("div", { class: "insights", "aria-busy": "true" }, skeleton("card"), skeleton("card"));
      const videos = h("div", { "aria-busy": "true" }, skeleton("table"));
      const videoActions = h("div", { class: "actions" });
      // With the projection (the default) or the 30 days alone, at a scale that shows their detail.
      let withProjection = true;
      let followerPlot: Chart | null = null;
      cleanups.push(() => followerPlot?.destroy());
      const rangeButtons = (["projection", "history"] as const).map((key) =>
        h(
          "button",
          { type: "button", "data-range": key, "aria-pressed": String(key === "projection") },
          key === "projection" ? "With projection" : "Last 30 days",
        ),
      );
      let drawFollowers = () => undefined as void;
      for (const button of rangeButtons) {
        button.addEventListener("click", () => {
          withProjection = button.dataset.range === "projection";
          for (const b of rangeButtons) b.setAttribute("aria-pressed", String(b === button));
          drawFollowers();
        });
      }
      fill(
        body,
        h("section", { class: "kpis", "aria-label": "Key figures" }, kpiCards(m)),
        h(
          "section",
          { class: "card plot-card", "aria-labelledby": "followers-title" },
          h(
            "div",
            { class: "card-head" },
            h("h2", { id: "followers-title" }, "Followers"),
            h("div", { class: "segmented", role: "group", "aria-label": "Follower chart shows" }, rangeButtons),
          ),
          chartBox,
          h(
            "p",
            { class: "legend-note muted" },
            h("span", { class: "swatch swatch-cyan", "aria-hidden": "true" }),
            "followers, last 30 days ",
            h("span", { class: "swatch swatch-band", "aria-hidden": "true" }),
            "projection for the next 90 days: likely, and the 80% range",
          ),
          chartSummary,
        ),
        h(
          "section",
          { class: "insights-section", "aria-labelledby": "insights-title" },
          h("h2", { id: "insights-title" }, "Insights"),
          insights,
        ),
        watchOverviewCard(m.id, isLive),
        h(
          "section",
          { class: "card videos-card", "aria-labelledby": "videos-title" },
          h("div", { class: "card-head" }, h("h2", { id: "videos-title" }, "Videos"), videoActions),
          videos,
        ),
      );

      void section(
        chartBox,
        () => api.accountHistory(m.id, HISTORY_DAYS),
        ({ series }) => {
          if (series.t.length < 2) {
            chartBox.append(
              h("p", { class: "empty" }, "The chart fills in as snapshots arrive, one every 30 minutes."),
            );
          } else {
            chartBox.append(chartEl);
            drawFollowers = () => {
              followerPlot?.destroy();
              chartEl.replaceChildren();
              followerPlot = followerChart(
                chartEl,
                series,
                withProjection ? (m.summary.followerProjection ?? null) : null,
              );
            };
            drawFollowers();
          }
          chartSummary.textContent = followerSummary(m, series.t, series.followers);
        },
        isLive,
      );
      void section(
        insights,
        () => api.insights(m.id),
        ({ insights: cards }) => {
          if (!cards.length)
            insights.append(
              h(
                "p",
                { class: "empty" },
                "No insights yet. They appear as Adam learns your patterns, usually once a few new videos have been tracked from their first hours.",
              ),
            );
          else insights.append(...cards.map((c) => insightCard(c, m.id)));
        },
        isLive,
      );
      void section(
        videos,
        () => api.videos(m.id, "views"),
        ({ videos: list }) => {
          if (!list.length) {
            videos.append(
              h(
                "p",
                { class: "empty" },
                "No public videos yet. Post on TikTok and Adam picks the video up at the next snapshot.",
              ),
            );
            return;
          }
          videos.append(videoTable(m.id, list, isLive));
          fill(
            videoActions,
            exportButton("Videos (CSV)", async () => exportVideos(m, list)),
          );
        },
        isLive,
      );
    };

    const load = async (fresh = false) => {
      await section(
        body,
        () => api.metrics(id, fresh),
        (m) => {
          for (const stop of cleanups.splice(0)) stop();
          renderHead(m);
          if (!m.last_synced_at) waitForFirstSnapshot();
          else renderData(m);
        },
        isLive,
      );
    };
    void load();

    return () => {
      live = false;
      for (const stop of cleanups) stop();
    };
  };
