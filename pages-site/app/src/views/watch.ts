/**
 * Watch-time insights, the optional second connection (TikTok's Accounts API): on the overview,
 * what it adds (or a button to add it), watch time by day and when followers are on TikTok; on a
 * video's page, its retention against the creator's typical band, hook, watch time, completion,
 * where its views came from, and why it dropped or started slowly. Everything works without it.
 */
import { api, type AccountWatch, type VideoWatch, type WatchCompared, type WatchDiagnosis } from "../api";
import { retentionChart, type Chart } from "../charts";
import { download, slug, toCsv } from "../csv";
import { append, h, icon } from "../dom";
import { formatDate, formatDateTime, formatNumber } from "../format";
import { showNotice } from "../notice";
import { section, skeleton } from "./view";

export const WATCH_ERRORS: Record<string, string> = {
  access_denied: "You chose not to allow TikTok’s analytics, so nothing was added. Adam works fine without them.",
  invalid_state: "That attempt didn’t start in this browser, or was already used. Please start it again from here.",
  expired_state: "The attempt took too long and expired. Please try again.",
  code_rejected: "TikTok didn’t accept the sign-in. Please try again.",
  tiktok_unavailable: "TikTok isn’t answering right now. Please try again in a few minutes.",
  other_account: "That was a different TikTok account from this one. Sign in to TikTok as this account and try again.",
  not_configured: "Watch-time insights aren’t offered here.",
};

/**
 * Loads when the panel comes near the screen: it sits below the fold, and the free plan's ten data
 * requests a minute are better spent on what the creator is looking at.
 */
function whenVisible(el: HTMLElement, load: () => void, isLive: () => boolean): void {
  if (typeof IntersectionObserver === "undefined") return load();
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      if (isLive()) load();
    },
    { rootMargin: "200px 0px" },
  );
  observer.observe(el);
}

const pct = (share: number | null | undefined, digits = 0) =>
  share === null || share === undefined ? "—" : `${(share * 100).toFixed(digits)}%`;
const seconds = (s: number | null | undefined) => (s === null || s === undefined ? "—" : `${s.toFixed(1)} s`);

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

function exportDays(accountId: string, w: AccountWatch): void {
  const hours = new Map(w.watch_time.map((d) => [d.day, d.hours_watched]));
  const rows = w.days.date.map((date, i) => [
    date,
    w.days.views[i] ?? null,
    w.days.profile_views[i] ?? null,
    w.days.followers_gained[i] ?? null,
    w.days.followers_lost[i] ?? null,
    hours.get(date) ?? null,
  ]);
  download(
    `adam-${slug(accountId)}-tiktok-daily.csv`,
    toCsv(["date", "views", "profile_views", "followers_gained", "followers_lost", "hours_watched"], rows),
  );
}

/** The overview's card: what watch-time insights add, or what they show. */
export function watchOverviewCard(accountId: string, isLive: () => boolean): HTMLElement {
  const body = h("div", { "aria-busy": "true" }, skeleton("card"));
  const actions = h("div", { class: "actions" });
  const card = h(
    "section",
    { class: "card watch-card", "aria-labelledby": "watch-title", id: "watch-overview" },
    h("div", { class: "card-head" }, h("h2", { id: "watch-title" }, "Watch time and audience"), actions),
    body,
  );
  /** What the insights add, and the button to add them (again). */
  const offer = (status: AccountWatch["connection"]["status"]) =>
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
  const load = (): void =>
    void section(
      body,
      () => api.accountWatch(accountId),
      (w) => {
        const status = w.connection.status;
        if (!w.connection.available) {
          body.append(h("p", { class: "empty" }, "Watch-time insights aren’t offered on this Adam."));
          return;
        }
        if (status === null || status !== "active") {
          offer(status);
          return;
        }
        const latest = w.watch_time.at(-1);
        const total = w.watch_time.slice(-7).reduce((sum, d) => sum + d.hours_watched, 0);
        const csv = h("button", { class: "button button-small", type: "button" }, icon("download"), "Daily (CSV)");
        csv.addEventListener("click", () => exportDays(accountId, w));
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
            : h(
                "p",
                { class: "empty" },
                "TikTok reports follower activity only for accounts with 100 followers or more.",
              ),
          h(
            "p",
            { class: "muted small" },
            w.connection.data_through
              ? `TikTok’s data through ${w.connection.data_through}; read ${w.connection.last_fetched_at ? formatDateTime(w.connection.last_fetched_at) : "—"}. TikTok reports a day or two late.`
              : "The first read is on its way: TikTok reports a day or two late.",
          ),
        );
      },
      isLive,
    );
  whenVisible(card, load, isLive);
  return card;
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

function exportWatch(videoId: string, w: NonNullable<VideoWatch["report"]>): void {
  const rows: (string | number | null)[][] = [];
  w.retention.positions.forEach((p, i) =>
    rows.push([
      "retention",
      `${Math.round(p * 100)}%`,
      w.retention.video?.[i] ?? null,
      w.retention.band?.p25[i] ?? null,
      w.retention.band?.p50[i] ?? null,
      w.retention.band?.p75[i] ?? null,
    ]),
  );
  for (const [name, c] of [
    ["hook_3s", w.hook],
    ["average_seconds", w.average_seconds],
    ["average_share", w.average_share],
    ["completion", w.completion],
  ] as const)
    rows.push([name, "", c.value, c.usual?.p25 ?? null, c.usual?.p50 ?? null, c.usual?.p75 ?? null]);
  for (const s of w.sources ?? []) rows.push(["source", s.source, s.share, null, s.usual, s.recent]);
  for (const [k, v] of Object.entries(w.audience ?? {})) rows.push(["audience", k, v, null, null, null]);
  for (const [k, v] of Object.entries(w.countries ?? {})) rows.push(["country", k, v, null, null, null]);
  download(
    `adam-video-${videoId}-watch.csv`,
    toCsv(["section", "name", "value", "typical_p25", "typical_p50_or_usual", "typical_p75_or_recent"], rows),
  );
}

/** The video page's section. */
export function watchVideoSection(videoId: string, isLive: () => boolean, cleanups: (() => void)[]): HTMLElement {
  const body = h("div", { "aria-busy": "true" }, skeleton("chart"));
  const actions = h("div", { class: "actions" });
  const card = h(
    "section",
    { class: "card plot-card", "aria-labelledby": "retention-title", id: "watch-video" },
    h("div", { class: "card-head" }, h("h2", { id: "retention-title" }, "Retention and traffic"), actions),
    body,
  );
  let chart: Chart | null = null;
  cleanups.push(() => chart?.destroy());
  whenVisible(
    card,
    () =>
      void section(
        body,
        () => api.videoWatch(videoId),
        (w) => {
          if (!w.connected) {
            body.append(
              h(
                "p",
                { class: "muted" },
                "Add watch-time insights on the overview to see how long people watch this video, where they swipe away, where its views come from, and why it dropped or started slowly.",
              ),
            );
            return;
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
            return;
          }
          const csv = h(
            "button",
            { class: "button button-small", type: "button" },
            icon("download"),
            "Watch data (CSV)",
          );
          csv.addEventListener("click", () => exportWatch(videoId, r));
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
            r.sources
              ? h(
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
                    r.sources.map((s) =>
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
                )
              : h("p", { class: "empty" }, "TikTok sent no traffic sources for this video."),
            h("h3", null, "Why it dropped or started slowly"),
            diagnoses ?? h("p", { class: "empty" }, "No drop or slow start to explain."),
          );
          if (r.retention.video) chart = retentionChart(chartEl, r.retention, r.duration_seconds);
        },
        isLive,
      ),
    isLive,
  );
  return card;
}
