/**
 * The overview's video table: sortable by each figure, 12 rows until "Show all", and its CSV.
 * Sorted here when the table holds every video (fewer than the API's largest page); otherwise the
 * API picks the top ones by the chosen column.
 */
import { api, VIDEO_LIMIT, type Metrics, type Video, type VideoSort } from "../api";
import { scope, type Component, type Scope } from "../component";
import { slug } from "../csv";
import { videosTable } from "../csv-rows";
import { fill, h } from "../dom";
import { exportButton, saveCsv } from "../export-button";
import { formatDate, formatNumber, formatPercent } from "../format";
import { href } from "../router";
import { sortVideos } from "../video-sort";

/** Rows shown before "Show all". */
const TABLE_ROWS = 12;

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

function table(accountId: string, first: Video[], owner: Scope): HTMLElement {
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
    if (complete) videos = sortVideos(videos, key);
    else {
      el.setAttribute("aria-busy", "true");
      const next = await api.videos(accountId, key).catch(() => null);
      el.removeAttribute("aria-busy");
      if (!owner.live) return;
      if (next) videos = next.videos;
    }
    render();
    status.textContent = `Sorted by ${label}, highest first.`;
  };
  const el = h(
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
    h("div", { class: "table-scroll", role: "region", "aria-labelledby": "videos-title", tabindex: 0 }, el),
    status,
    more,
    complete ? null : h("p", { class: "muted small" }, `Showing your top ${VIDEO_LIMIT} videos for the chosen column.`),
  );
}

/** `videos` as the API sorts them by views. Destroyed, it drops a re-sort still on its way. */
export function videoTableCard(m: Metrics, videos: Video[]): Component {
  const own = scope();
  const actions = h("div", { class: "actions" });
  if (videos.length)
    actions.append(
      exportButton("Videos (CSV)", () => saveCsv(`adam-${slug(m.username ?? m.id)}-videos.csv`, videosTable(videos))),
    );
  const el = h(
    "section",
    { class: "card videos-card", "aria-labelledby": "videos-title" },
    h("div", { class: "card-head" }, h("h2", { id: "videos-title" }, "Videos"), actions),
    h(
      "div",
      null,
      videos.length
        ? table(m.id, videos, own)
        : h(
            "p",
            { class: "empty" },
            "No public videos yet. Post on TikTok and Adam picks the video up at the next snapshot.",
          ),
    ),
  );
  return { el, destroy: own.destroy };
}
