/**
 * Turns the collected results into the printed figures: forecast error and interval coverage,
 * anomaly precision and recall against the injected events, early breakout flags, follower
 * jumps and their attribution, follower projections. Each Adam figure sits next to the market
 * baseline it must beat.
 */
import { FORECAST_AGES } from "./collect.ts";
import type { CreatorResult, Detection, ForecastSample } from "./collect.ts";
import { absLogError, median, ratioText } from "./stats.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A detection counts for an event from its start until this long after its end (old videos are polled 6-hourly). */
const GRACE_MS = 12 * HOUR;
/** Events and detections are scored away from the replay's edges: a day after connecting (no history yet) and before the end. */
const EDGE_MS = DAY;
const FOLLOWER_WINDOW_MS = 48 * HOUR;

interface Truth {
  creator: number;
  videoId: string;
  start: number;
  end: number;
  kind: "spike" | "drop";
  resurfacing: boolean;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");

function forecastLines(samples: ForecastSample[]): string[] {
  const lines = [
    "Forecasts: median |ln error| (lower is better) and P10–P90 coverage (target 80%)",
    "  target  from   n      Adam   median  median-ratio   pace   Adam/best-baseline  coverage",
  ];
  const row = (label: string, s: ForecastSample[]) => {
    if (s.length === 0) return;
    const err = (pick: (x: ForecastSample) => number) => median(s.map((x) => absLogError(pick(x), x.actual)));
    const adam = err((x) => x.adam.p50);
    const baselines = [err((x) => x.median), err((x) => x.ratio), err((x) => x.pace)];
    const covered = s.filter((x) => x.actual >= x.adam.p10 && x.actual <= x.adam.p90).length / s.length;
    lines.push(
      `  ${label.padEnd(13)} ${String(s.length).padStart(5)}  ${num(adam)}   ${num(baselines[0] as number)}    ${num(baselines[1] as number)}      ${num(baselines[2] as number)}   ${(adam / Math.min(...baselines)).toFixed(2)}                ${pct(covered)}`,
    );
  };
  for (const [target, ages] of Object.entries(FORECAST_AGES)) {
    const t = Number(target);
    for (const age of ages)
      row(
        `${t === 24 ? "24h" : "7d "}    ${String(age).padStart(2)}h`,
        samples.filter((s) => s.target === t && s.age === age),
      );
    row(
      `${t === 24 ? "24h" : "7d "}    all`,
      samples.filter((s) => s.target === t),
    );
  }
  return lines;
}

type Video = CreatorResult["videos"][number];
type Spike = Video["truth"]["spikes"][number];

/** A true event is scored when it lies inside the run's window on a video that was up and recent. */
function scored(r: CreatorResult, v: Video, s: Spike): boolean {
  return (
    s.start >= r.startMs + EDGE_MS &&
    s.start <= r.endMs - EDGE_MS &&
    (v.unavailableFrom === undefined || v.unavailableFrom > s.end) &&
    v.createdAt >= r.startMs - 90 * DAY
  );
}

function truthEvents(results: CreatorResult[], keep: typeof scored = scored): Truth[] {
  return results.flatMap((r) =>
    r.videos.flatMap((v) =>
      v.truth.spikes
        .filter((s) => keep(r, v, s))
        .map((s) => ({
          creator: r.creator,
          videoId: v.id,
          start: s.start,
          end: s.end,
          kind: s.kind,
          resurfacing: s.resurfacing === true,
        })),
    ),
  );
}

function matches(d: Detection, t: Truth): boolean {
  return (
    d.creator === t.creator &&
    d.videoId === t.videoId &&
    d.kind === t.kind &&
    d.firstSeenMs >= t.start &&
    d.firstSeenMs <= t.end + GRACE_MS
  );
}

function anomalyLines(results: CreatorResult[]): string[] {
  const truths = truthEvents(results);
  const allTruths = truthEvents(results, () => true);
  const inWindow = (creator: number, t: number) => {
    const r = results.find((x) => x.creator === creator) as CreatorResult;
    return t >= r.startMs + EDGE_MS && t <= r.endMs - EDGE_MS;
  };
  const detections = results
    .flatMap((r) => r.detections)
    .filter((d) => d.metric === "views" && inWindow(d.creator, d.firstSeenMs));
  const market: Detection[] = results
    .flatMap((r) =>
      [...r.marketFlags].map(([videoId, t]) => ({
        creator: r.creator,
        videoId,
        metric: "views",
        kind: "spike" as const,
        firstSeenMs: t,
        topVideoId: null,
      })),
    )
    .filter((d) => inWindow(d.creator, d.firstSeenMs));
  const lines = ["Anomalies vs injected events (detection from the event's start to 12 h after its end)"];
  const score = (
    label: string,
    kind: "spike" | "drop",
    dets: Detection[],
    filter: (t: Truth) => boolean = () => true,
  ) => {
    const ts = truths.filter((t) => t.kind === kind && filter(t));
    const ds = dets.filter((d) => d.kind === kind);
    const found = ts.filter((t) => ds.some((d) => matches(d, t))).length;
    const right = ds.filter((d) => allTruths.some((t) => matches(d, t))).length;
    lines.push(
      `  ${label.padEnd(34)} recall ${ratioText(found, ts.length).padEnd(22)} precision ${ratioText(right, ds.length)}`,
    );
  };
  score("Adam spikes (all)", "spike", detections);
  score("Adam spikes: fresh videos", "spike", detections, (t) => !t.resurfacing);
  score("Adam spikes: old videos resurfacing", "spike", detections, (t) => t.resurfacing);
  score("Adam drops", "drop", detections);
  score("Market 2x-median rule as spikes", "spike", market);
  return lines;
}

function breakoutLines(results: CreatorResult[]): string[] {
  const lines = ["Breakout posts (model-injected, 5-40x views from the first minute): flagged within 7 days"];
  const videos = results.flatMap((r) =>
    r.videos.filter((v) => v.createdAt >= r.startMs && v.createdAt <= r.endMs - 7 * DAY).map((v) => ({ r, v })),
  );
  const score = (label: string, flags: (r: CreatorResult) => Map<string, number>) => {
    const hours = (r: CreatorResult, id: string, created: number) => {
      const t = flags(r).get(id);
      return t !== undefined && t - created <= 7 * DAY ? (t - created) / HOUR : undefined;
    };
    const breakouts = videos.filter(({ v }) => v.truth.breakout);
    const flagged = breakouts
      .map(({ r, v }) => hours(r, v.id, v.createdAt))
      .filter((h): h is number => h !== undefined);
    const others = videos.filter(({ v }) => !v.truth.breakout);
    const falseFlags = others.filter(({ r, v }) => hours(r, v.id, v.createdAt) !== undefined).length;
    lines.push(
      `  ${label.padEnd(34)} recall ${ratioText(flagged.length, breakouts.length).padEnd(22)} median ${median(flagged).toFixed(1)} h after posting; also flags ${ratioText(falseFlags, others.length)} of other posts`,
    );
  };
  score("Adam fast-start card", (r) => r.fastStarts);
  score("Market 2x-median rule", (r) => r.marketFlags);
  return lines;
}

function followerLines(results: CreatorResult[]): string[] {
  const lines = ["Follower jumps (model-injected, each caused by one viral video)"];
  const jumps = results.flatMap((r) =>
    r.followerJumps
      .filter((j) => j.t >= r.startMs + EDGE_MS && j.t <= r.endMs - 2 * DAY)
      .map((j) => ({ creator: r.creator, ...j })),
  );
  const spikes = results.flatMap((r) =>
    r.detections.filter(
      (d) =>
        d.metric === "followers" &&
        d.kind === "spike" &&
        d.firstSeenMs >= r.startMs + EDGE_MS &&
        d.firstSeenMs <= r.endMs - EDGE_MS,
    ),
  );
  const hit = (d: Detection, j: (typeof jumps)[number]) =>
    d.creator === j.creator && d.firstSeenMs >= j.t && d.firstSeenMs <= j.t + FOLLOWER_WINDOW_MS;
  const score = (label: string, js: typeof jumps) => {
    const found = js.filter((j) => spikes.some((d) => hit(d, j)));
    const credited = found.filter((j) => spikes.some((d) => hit(d, j) && d.topVideoId === j.videoId)).length;
    lines.push(
      `  ${label.padEnd(34)} recall ${ratioText(found.length, js.length).padEnd(22)} credited to the right video ${ratioText(credited, found.length)}`,
    );
  };
  score("all jumps", jumps);
  score(
    "jumps of 100+ followers",
    jumps.filter((j) => (j.followers ?? Infinity) >= 100),
  );
  const right = spikes.filter((d) =>
    results.some((r) => r.followerJumps.some((j) => hit(d, { creator: r.creator, ...j }))),
  ).length;
  lines.push(`  ${"follower spike alerts".padEnd(34)} precision ${ratioText(right, spikes.length)}`);
  return lines;
}

function projectionLines(results: CreatorResult[]): string[] {
  const s = results.flatMap((r) => r.projections);
  if (s.length === 0) return ["Follower projection: no 90-day truth in the data"];
  const err = (pick: (x: (typeof s)[number]) => number) => num(median(s.map((x) => absLogError(pick(x), x.actual))));
  const covered = s.filter((x) => x.actual >= x.adam.p10 && x.actual <= x.adam.p90).length / s.length;
  return [
    `Follower projection, 90 days ahead (n=${s.length}, from days 14/21/28 after connecting): median |ln error|`,
    `  Adam P50 ${err((x) => x.adam.p50)}   compound-rate baseline ${err((x) => x.compound)}   linear 14-day pace ${err((x) => x.linear)}   Adam P10–P90 coverage ${pct(covered)}`,
  ];
}

export function report(results: CreatorResult[]): string {
  const forecasts = results.flatMap((r) => r.forecasts);
  return [
    forecastLines(forecasts),
    anomalyLines(results),
    breakoutLines(results),
    followerLines(results),
    projectionLines(results),
  ]
    .map((l) => l.join("\n"))
    .join("\n\n");
}
