/**
 * One video: its counters, its first hours against the creator's typical video at the same age
 * (total views with the P10–P90 band, or views per hour with the P25–P75 band), the forecast with
 * its range, where it stands at each age, its spikes and drops, and a CSV of its whole history.
 */
import { api, type Anomaly, type Forecast, type Metrics, type Video, type VideoSeries } from "../api";
import { velocityChart, type Chart, type VelocityMode } from "../charts";
import { download, slug, toCsv } from "../csv";
import { fill, fillHead, h, icon } from "../dom";
import {
  formatAge,
  formatCount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRatio,
  paceAgainst,
} from "../format";
import { href } from "../router";
import { section, skeleton, type View } from "./view";
import { watchVideoSection } from "./watch";

/** Every snapshot since posting (the API keeps up to 90 days per request): one request serves chart and CSV. */
const HISTORY_HOURS = 24 * 90;
/** The comparison covers the first week, as far as the typical curve goes. */
const FIRST_WEEK_HOURS = 168;
const HOUR_MS = 3_600_000;

function stat(label: string, value: string, exact?: number): HTMLElement {
  return h(
    "article",
    { class: "kpi-card small-kpi" },
    h("h2", { class: "kpi-label" }, label),
    h("p", { class: "kpi-value", title: exact === undefined ? null : formatNumber(exact) }, value),
  );
}

function forecastRow(label: string, f: Forecast | null | undefined): HTMLElement {
  if (!f)
    return h(
      "div",
      { class: "forecast" },
      h("dt", null, label),
      h("dd", { class: "muted" }, "Needs the video’s first hour of snapshots"),
    );
  if (f.observed)
    return h(
      "div",
      { class: "forecast" },
      h("dt", null, label),
      h("dd", null, h("strong", null, formatNumber(f.p50)), h("span", { class: "muted" }, " views (reached)")),
    );
  return h(
    "div",
    { class: "forecast" },
    h("dt", null, label),
    h(
      "dd",
      null,
      h("strong", null, `~${formatCount(f.p50)}`),
      h("span", { class: "range" }, ` likely ${formatCount(f.p10)}–${formatCount(f.p90)}`),
      h(
        "span",
        { class: "muted small block" },
        `From ${formatNumber(f.fromViews)} views at ${formatAge(f.fromAgeHours)}; ${f.fittedOn ? `fitted on ${f.fittedOn} of your videos` : "a general model until Adam has seen more of your videos"}. 80% range.`,
      ),
    ),
  );
}

function anomalyItem(a: Anomaly): HTMLElement {
  const ratio = typeof a.details.ratio === "number" ? a.details.ratio : null;
  const evidence = typeof a.details.evidence === "string" ? a.details.evidence : null;
  const sureness = typeof a.details.confidenceText === "string" ? a.details.confidenceText : null;
  return h(
    "li",
    { class: `anomaly anomaly-${a.kind}` },
    h(
      "p",
      { class: "anomaly-title" },
      h("span", { class: `tag tag-${a.severity}` }, a.severity),
      ` ${a.kind === "spike" ? "Spike" : "Drop"} in ${a.metric}`,
      ratio === null ? "" : `: ${formatRatio(ratio)} the expected pace`,
    ),
    h(
      "p",
      null,
      evidence ??
        `${formatNumber(a.observed)} gained between ${formatDateTime(a.window_start)} and ${formatDateTime(a.window_end)}, where about ${formatNumber(a.expected)} was expected.`,
    ),
    h(
      "p",
      { class: "muted small" },
      `${sureness ? `Adam's confidence: ${sureness}. ` : ""}From ${formatDateTime(a.window_start)} to ${formatDateTime(a.window_end)}; detected ${formatDateTime(a.detected_at)}.`,
    ),
  );
}

function percentiles(v: Video): HTMLElement {
  const list = v.analytics.percentiles ?? [];
  if (!list.length)
    return h(
      "p",
      { class: "empty" },
      "Shows once the video reaches 1 hour with snapshots and Adam has a few of your earlier videos to compare with.",
    );
  return h(
    "table",
    { class: "compact" },
    h("caption", { class: "visually-hidden" }, "This video against your earlier videos at the same age"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, "Age"),
        h("th", { scope: "col", class: "num" }, "Views"),
        h("th", { scope: "col", class: "num" }, "vs typical"),
        h("th", { scope: "col" }, "Against your recent videos"),
      ),
    ),
    h(
      "tbody",
      null,
      list.map((p) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, formatAge(p.ageHours)),
          h("td", { class: "num" }, formatNumber(p.views)),
          h("td", { class: `num ${p.ratioToTypical >= 1 ? "up" : "down"}` }, formatRatio(p.ratioToTypical)),
          h("td", null, paceAgainst(p.percentile, p.comparedWith)),
        ),
      ),
    ),
  );
}

function exportVideo(v: Video, series: VideoSeries): void {
  const created = Date.parse(v.create_time);
  const rows = series.fetched.map((t, i) => [
    new Date(t).toISOString(),
    new Date(series.t[i] as number).toISOString(),
    Math.round(((t - created) / HOUR_MS) * 100) / 100,
    series.views[i],
    series.likes[i],
    series.comments[i],
    series.shares[i],
  ]);
  download(
    `adam-video-${slug(v.title ?? v.id)}-${v.id}.csv`,
    toCsv(["time", "slot", "age_hours", "views", "likes", "comments", "shares"], rows),
  );
}

function curveSummary(v: Video, series: VideoSeries, metrics: Metrics | null, maxAge: number): string {
  const created = Date.parse(v.create_time);
  const n = series.fetched.length;
  if (!n) return "No snapshots of this video yet.";
  const lastAge = ((series.fetched[n - 1] as number) - created) / HOUR_MS;
  const typical = metrics?.summary.typicalCurve?.points
    .filter((p) => p.n >= 3 && p.ageHours <= Math.min(lastAge, maxAge))
    .at(-1);
  const at = (age: number) => {
    let best = 0;
    series.fetched.forEach((t, i) => {
      if ((t - created) / HOUR_MS <= age) best = series.views[i] as number;
    });
    return best;
  };
  const parts = [`${n} snapshots: ${formatNumber(series.views[n - 1] as number)} views at ${formatAge(lastAge)}.`];
  if (typical)
    parts.push(
      `At ${formatAge(typical.ageHours)} it had ${formatNumber(at(typical.ageHours))} views; your typical video had ${formatNumber(typical.p50)} (80% between ${formatNumber(typical.p10)} and ${formatNumber(typical.p90)}).`,
    );
  else
    parts.push("The typical band appears once Adam has followed at least three of your videos through the same ages.");
  return parts.join(" ");
}

export const videoView =
  (videoId: string): View =>
  (main) => {
    let live = true;
    const isLive = () => live;
    let chart: Chart | null = null;
    const cleanups: (() => void)[] = [];
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
      async () => {
        const history = await api.videoHistory(videoId, HISTORY_HOURS);
        const metrics = await api.metrics(history.account_id).catch(() => null);
        return { ...history, metrics };
      },
      ({ video: v, series, metrics, account_id }) => {
        back.setAttribute("href", href.overview(account_id));
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
              shareUrl
                ? h("a", { href: shareUrl, target: "_blank", rel: "noopener noreferrer" }, "Open on TikTok")
                : null,
            ),
          ),
          h(
            "div",
            { class: "actions" },
            (() => {
              const b = h(
                "button",
                { class: "button button-small", type: "button" },
                icon("download"),
                "Video history (CSV)",
              );
              b.addEventListener("click", () => exportVideo(v, series));
              return b;
            })(),
          ),
        );

        const firstAge = series.fetched.length ? ((series.fetched[0] as number) - created) / HOUR_MS : 0;
        const lastAge = series.fetched.length ? ((series.fetched.at(-1) as number) - created) / HOUR_MS : 0;
        const maxAge = firstAge < FIRST_WEEK_HOURS ? Math.max(1, Math.min(lastAge, FIRST_WEEK_HOURS)) : lastAge;
        const chartEl = h("div", { class: "plot", id: "velocity-chart" });
        let mode: VelocityMode = "total";
        const toggles = (["total", "rate"] as const).map((m) =>
          h(
            "button",
            { type: "button", "aria-pressed": m === mode ? "true" : "false", "data-mode": m },
            m === "total" ? "Total views" : "Views per hour",
          ),
        );
        const draw = () => {
          chart?.destroy();
          chartEl.replaceChildren();
          chart = velocityChart(chartEl, created, series, metrics?.summary.typicalCurve, maxAge, mode);
          toggles.forEach((t) => t.setAttribute("aria-pressed", String(t.dataset.mode === mode)));
        };
        toggles.forEach((t) =>
          t.addEventListener("click", () => {
            mode = t.dataset.mode as VelocityMode;
            draw();
          }),
        );
        const typicalVideos = metrics?.summary.typicalCurve?.videos ?? 0;
        const anomalies = h("div", { "aria-busy": "true" }, skeleton("line"));
        fill(
          body,
          h(
            "section",
            { class: "kpis kpis-5", "aria-label": "Counters" },
            stat("Views", formatCount(v.views), v.views),
            stat("Likes", formatCount(v.likes), v.likes),
            stat("Comments", formatCount(v.comments), v.comments),
            stat("Shares", formatCount(v.shares), v.shares),
            stat("Engagement", formatPercent(v.engagement_rate)),
          ),
          h(
            "section",
            { class: "card plot-card", "aria-labelledby": "curve-title" },
            h(
              "div",
              { class: "card-head" },
              h("h2", { id: "curve-title" }, "First hours against your typical video"),
              h("div", { class: "segmented", role: "group", "aria-label": "Chart shows" }, toggles),
            ),
            series.t.length
              ? chartEl
              : h("p", { class: "empty" }, "The curve starts with this video’s first snapshot."),
            h("p", { class: "plot-summary muted" }, curveSummary(v, series, metrics, maxAge)),
            h(
              "p",
              { class: "legend-note muted small" },
              h("span", { class: "swatch swatch-cyan", "aria-hidden": "true" }),
              "this video ",
              h("span", { class: "swatch swatch-violet", "aria-hidden": "true" }),
              typicalVideos
                ? `your typical video at the same age, from ${typicalVideos} recent videos (band: middle 80%, or middle 50% per hour)`
                : "your typical video (after a few tracked videos)",
            ),
          ),
          watchVideoSection(videoId, isLive, cleanups),
          h(
            "div",
            { class: "grid-2 video-grid" },
            h(
              "section",
              { class: "card", "aria-labelledby": "forecast-title" },
              h("h2", { id: "forecast-title" }, "Forecast"),
              h(
                "dl",
                { class: "forecasts" },
                forecastRow("First 24 hours", v.analytics.forecast?.views24h),
                forecastRow("First 7 days", v.analytics.forecast?.views7d),
              ),
            ),
            h(
              "section",
              { class: "card", "aria-labelledby": "percentile-title" },
              h("h2", { id: "percentile-title" }, "Against your history"),
              percentiles(v),
            ),
          ),
          h(
            "section",
            { class: "card", "aria-labelledby": "anomalies-title" },
            h("h2", { id: "anomalies-title" }, "Spikes and drops"),
            anomalies,
          ),
        );
        if (series.t.length) draw();
        void section(
          anomalies,
          () => api.anomalies(videoId),
          ({ anomalies: list }) =>
            anomalies.append(
              list.length
                ? h("ul", { class: "anomalies" }, list.map(anomalyItem))
                : h("p", { class: "empty" }, "Nothing unusual so far: no spike or drop beyond this video’s own trend."),
            ),
          isLive,
        );
      },
      isLive,
    );

    return () => {
      live = false;
      chart?.destroy();
      for (const stop of cleanups) stop();
    };
  };
