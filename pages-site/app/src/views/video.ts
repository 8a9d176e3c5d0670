/**
 * One video: its counters, its first hours against the creator's typical video at the same age,
 * watch time, the forecast with its range, where it stands at each age, its spikes and drops, and
 * a CSV of its whole history. One request (the detail answer) fills every card.
 */
import { api, type VideoDetail } from "../api";
import { anomaliesCard } from "../cards/anomalies";
import { forecastCard } from "../cards/forecast";
import { percentilesCard } from "../cards/percentiles";
import { velocityChartCard } from "../cards/velocity-chart";
import { videoStatsCard } from "../cards/video-stats";
import { watchVideoCard } from "../cards/watch-video";
import { place, scope } from "../component";
import { slug } from "../csv";
import { videoHistoryTable } from "../csv-rows";
import { fillHead, h, icon } from "../dom";
import { exportButton, saveCsv } from "../export-button";
import { formatAge, formatDate } from "../format";
import { href } from "../router";
import { section, skeleton, type View } from "./view";

const HOUR_MS = 3_600_000;

function renderHead(head: HTMLElement, { video: v, series }: VideoDetail): void {
  const title = v.title || v.description?.slice(0, 80) || "Untitled video";
  // TikTok's link, only as a web address: no `javascript:` or other scheme becomes a link
  const shareUrl = v.share_url && /^https?:\/\//i.test(v.share_url) ? v.share_url : null;
  document.title = `${title} — Adam`;
  const created = Date.parse(v.create_time);
  const ageHours = (Date.now() - created) / HOUR_MS;
  fillHead(
    head,
    h(
      "div",
      null,
      h("h1", { tabindex: -1 }, title),
      h(
        "p",
        { class: "muted" },
        `Posted ${formatDate(created)} · ${formatAge(Math.max(0, ageHours))} ago`,
        v.status === "unavailable" ? " · now private or deleted" : "",
        shareUrl ? " · " : "",
        shareUrl ? h("a", { href: shareUrl, target: "_blank", rel: "noopener noreferrer" }, "Open on TikTok") : null,
      ),
    ),
    h(
      "div",
      { class: "actions" },
      exportButton("Video history (CSV)", () =>
        saveCsv(`adam-video-${slug(v.title ?? v.id)}-${v.id}.csv`, videoHistoryTable(v.create_time, series)),
      ),
    ),
  );
}

export const videoView =
  (videoId: string): View =>
  (main) => {
    const screen = scope();
    const back = h("a", { class: "back", href: href.overview() }, icon("back"), "Overview");
    const head = h("div", { class: "page-head" }, h("h1", { tabindex: -1 }, "Video"), skeleton("line"));
    const body = h(
      "div",
      { class: "video-body" },
      h(
        "div",
        { class: "kpis" },
        [0, 1, 2, 3, 4].map(() => skeleton("kpi")),
      ),
      skeleton("chart"),
    );
    main.append(h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, back), head, body);
    document.title = "Video — Adam";

    void section(
      body,
      () => api.detail(videoId),
      (d) => {
        back.setAttribute("href", href.overview(d.account_id));
        renderHead(head, d);
        const grid = h("div", { class: "grid-2 video-grid" });
        place(
          body,
          screen.own(videoStatsCard(d.video)),
          screen.own(velocityChartCard(d.video, d.series, d.account)),
          screen.own(watchVideoCard(videoId, d.watch)),
          grid,
          screen.own(anomaliesCard(d.anomalies)),
        );
        place(grid, screen.own(forecastCard(d.video)), screen.own(percentilesCard(d.video)));
      },
      () => screen.live,
    );

    return screen.destroy;
  };
