/**
 * A video's watch-time card: retention against the creator's typical band, hook, watch time,
 * completion, where its views came from, and why it dropped or started slowly.
 */
import type { VideoWatch, WatchCompared, WatchDiagnosis } from "../api";
import { retentionChart, type Chart } from "../charts";
import { still, type Component } from "../component";
import { videoWatchTable } from "../csv-rows";
import { append, h, icon } from "../dom";
import { saveCsv } from "../export-button";
import { formatDate, formatDateTime } from "../format";
import { pct, seconds } from "./watch-figures";

function compared(label: string, c: WatchCompared, show: (v: number | null) => string): HTMLElement {
  const usual = c.usual ? `usual ${show(c.usual.p25)}–${show(c.usual.p75)}` : "no comparison yet";
  return h(
    "article",
    { class: `kpi-card small-kpi standing-${c.standing ?? "none"}` },
    h("h3", { class: "kpi-label" }, label),
    h("p", { class: "kpi-value" }, show(c.value)),
    h(
      "p",
      { class: `small ${c.standing === "below" ? "down" : c.standing === "above" ? "up" : "muted"}` },
      c.standing === "below" ? `below your ${usual}` : c.standing === "above" ? `above your ${usual}` : usual,
    ),
  );
}

const CAUSES = { distribution: "Distribution", hook: "Hook", audience: "Audience" } as const;

function diagnosisItem(d: WatchDiagnosis): HTMLElement {
  const what =
    d.subject === "drop" ? `Drop${d.window_start ? ` from ${formatDateTime(d.window_start)}` : ""}` : "Slow start";
  return h(
    "li",
    { class: `diagnosis diagnosis-${d.status}`, "data-cause": d.cause ?? "none" },
    h(
      "p",
      { class: "anomaly-title" },
      h("span", { class: "tag" }, d.cause ? CAUSES[d.cause] : d.status === "waiting" ? "Waiting" : "No cause"),
      ` ${what}`,
    ),
    h("p", null, d.headline),
    d.also.length
      ? h(
          "ul",
          { class: "muted small" },
          d.also.map((a) => h("li", null, `Also: ${a}`)),
        )
      : null,
    d.evidence.length
      ? h(
          "details",
          null,
          h("summary", { class: "small" }, `What Adam checked (${d.evidence.length})`),
          h(
            "ul",
            { class: "small" },
            d.evidence.map((e) => h("li", { class: e.unusual ? "unusual" : "muted" }, e.text)),
          ),
        )
      : null,
  );
}

function sourcesTable(sources: NonNullable<NonNullable<VideoWatch["report"]>["sources"]>): HTMLElement {
  return h(
    "table",
    { class: "compact sources" },
    h("caption", null, "Where its views came from"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, "Source"),
        h("th", { scope: "col", class: "num" }, "Share"),
        h("th", { scope: "col", class: "num" }, "Your usual"),
        h("th", { scope: "col", class: "num" }, "Since the day before"),
      ),
    ),
    h(
      "tbody",
      null,
      sources.map((s) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, s.source),
          h("td", { class: "num" }, pct(s.share)),
          h("td", { class: "num" }, pct(s.usual)),
          h("td", { class: "num" }, pct(s.recent)),
        ),
      ),
    ),
  );
}

export function watchVideoCard(videoId: string, w: VideoWatch): Component {
  const body = h("div");
  const actions = h("div", { class: "actions" });
  const card = h(
    "section",
    { class: "card plot-card", "aria-labelledby": "retention-title", id: "watch-video" },
    h("div", { class: "card-head" }, h("h2", { id: "retention-title" }, "Retention and traffic"), actions),
    body,
  );
  if (!w.connected) {
    body.append(
      h(
        "p",
        { class: "muted" },
        "Add watch-time insights on the overview to see how long people watch this video, where they swipe away, where its views come from, and why it dropped or started slowly.",
      ),
    );
    return still(card);
  }
  const r = w.report;
  const diagnoses = w.diagnoses.length
    ? h("ul", { class: "anomalies diagnoses" }, w.diagnoses.map(diagnosisItem))
    : null;
  if (!r) {
    append(body, [
      h(
        "p",
        { class: "empty" },
        "TikTok hasn’t reported this video yet: its analytics arrive a day or two after the views.",
      ),
      diagnoses,
    ]);
    return still(card);
  }
  const csv = h("button", { class: "button button-small", type: "button" }, icon("download"), "Watch data (CSV)");
  csv.addEventListener("click", () => saveCsv(`adam-video-${videoId}-watch.csv`, videoWatchTable(r)));
  actions.append(csv);
  const chartEl = h("div", { class: "plot", id: "retention-chart" });
  const loss = r.retention.steepest_loss;
  body.append(
    h(
      "div",
      { class: "kpis kpis-4" },
      compared("Hook: still watching at 3 s", r.hook, (v) => pct(v)),
      compared("Average watch time", r.average_seconds, seconds),
      compared("Watched of its length", r.average_share, (v) => pct(v)),
      compared("Completion", r.completion, (v) => pct(v)),
    ),
    r.retention.video ? chartEl : h("p", { class: "empty" }, "TikTok sent no retention curve for this video."),
    h(
      "p",
      { class: "legend-note muted small" },
      h("span", { class: "swatch swatch-cyan", "aria-hidden": "true" }),
      "this video ",
      h("span", { class: "swatch swatch-violet", "aria-hidden": "true" }),
      r.retention.band
        ? "your typical video (band: middle 50% of your settled videos)"
        : "your typical video (after five settled videos)",
    ),
    h(
      "p",
      { class: "plot-summary muted" },
      `Share of viewers still watching along the video (TikTok’s data of ${formatDate(r.fetched_at)}).`,
      loss
        ? ` It loses the most against your usual between ${loss.from_second} s and ${loss.to_second} s: ${pct(loss.lost)} of viewers, where your videos lose ${pct(loss.typical_lost)}.`
        : "",
    ),
    r.sources ? sourcesTable(r.sources) : h("p", { class: "empty" }, "TikTok sent no traffic sources for this video."),
    h("h3", null, "Why it dropped or started slowly"),
    diagnoses ?? h("p", { class: "empty" }, "No drop or slow start to explain."),
  );
  let chart: Chart | null = null;
  return {
    el: card,
    mounted: () => {
      if (r.retention.video) chart = retentionChart(chartEl, r.retention, r.duration_seconds);
    },
    destroy: () => chart?.destroy(),
  };
}
