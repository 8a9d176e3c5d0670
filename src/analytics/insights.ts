/**
 * Insight cards: one short, specific, actionable card per fact, with the evidence behind it, a
 * severity, an expiry and a rank. A fact has a stable key (a video's pace, an anomaly event, the
 * follower projection), so a card is refreshed in place run after run instead of repeated.
 */
import { formatCount, formatDate, formatHours, formatPace, formatRatio, paceAgainst } from "./format";
import { median, round } from "./numbers";
import { DAY_MS, HOUR_MS, hoursBetween } from "./time";
import type { AccountSummary, Anomaly, Insight, VideoAnalytics } from "./types";

const SEVERITY_RANK = { high: 400, medium: 300, low: 200, info: 100 } as const;
/** Within one severity: alerts first, then pace, then forecasts and housekeeping. */
const KIND_RANK: Record<string, number> = {
  follower_spike: 60,
  resurfacing: 55,
  views_spike: 50,
  views_drop: 50,
  follower_drop: 45,
  fast_start: 40,
  slow_start: 35,
  milestone: 25,
  forecast: 20,
  projection: 15,
  video_unavailable: 10,
  data_quality: 0,
};
const MILESTONES = [1e3, 5e3, 1e4, 2.5e4, 5e4, 1e5, 2.5e5, 5e5, 1e6, 2.5e6, 5e6, 1e7, 5e7, 1e8];

export interface InsightInput {
  now: number;
  videos: readonly VideoAnalytics[];
  /** Status each video had before this run (to notice a video going private once). */
  previousStatus: ReadonlyMap<string, "public" | "unavailable">;
  anomalies: readonly Anomaly[];
  summary: AccountSummary;
}

type Card = Omit<Insight, "rank">;

/** Fewer reference videos than this make percentiles too coarse; the cold-start rule applies instead. */
const MIN_COMPARED = 3;
const COLD_START_MIN_FINALS = 5;
const FINAL_AGE_MS = 7 * DAY_MS;
/** Past a few hours, matching a typical post's lifetime views is ordinary, not a fast start. */
const COLD_START_MAX_AGE_HOURS = 6;

function paceCard(v: VideoAnalytics, now: number, typicalFinalViews: number | undefined): Card | undefined {
  const p = v.percentiles[v.percentiles.length - 1];
  const ageHours = hoursBetween(v.createdAtMs, now);
  if (ageHours > 48) return undefined;
  const base = { factKey: `pace:${v.videoId}`, videoId: v.videoId, expiresAt: v.createdAtMs + 2 * DAY_MS };
  const tip = "Reply to comments in the next hour and pin the best one while it is being pushed.";
  if (!p || p.comparedWith < MIN_COMPARED) {
    // Cold start (just connected, no early history yet): compare with the lifetime views of older posts.
    const latest = v.latest;
    if (
      !latest ||
      typicalFinalViews === undefined ||
      latest.ageHours > COLD_START_MAX_AGE_HOURS ||
      latest.views < Math.max(typicalFinalViews, 10)
    )
      return undefined;
    return {
      ...base,
      kind: "fast_start",
      severity: latest.views >= 3 * typicalFinalViews ? "high" : "medium",
      title: `Fast start: past your typical post's total views at ${formatHours(latest.ageHours)}`,
      body: `${formatCount(latest.views)} views at ${formatHours(latest.ageHours)} old; your posts from last week and before have ${formatCount(typicalFinalViews)} each (median). ${tip}`,
      evidence: { ageHours: latest.ageHours, views: latest.views, typicalFinalViews },
    };
  }
  const typical = Math.max(0, (p.views + 1) / p.ratioToTypical - 1);
  const evidence = { ...p, typicalViews: round(typical) };
  if ((p.ratioToTypical >= 2 && p.percentile >= 90) || (p.ratioToTypical >= 4 && p.percentile >= 75)) {
    return {
      ...base,
      evidence,
      kind: "fast_start",
      severity: p.ratioToTypical >= 5 ? "high" : p.ratioToTypical >= 3 ? "medium" : "low",
      title: `Fast start: ${formatPace(p.ratioToTypical)} your usual pace at ${formatHours(p.ageHours)}`,
      body: `${formatCount(p.views)} views at ${formatHours(p.ageHours)} old; your typical video has ${formatCount(typical)} by then (${paceAgainst(p.percentile, p.comparedWith)} of your recent videos at that age). ${tip}`,
    };
  }
  if (p.ratioToTypical <= 0.4 && p.percentile <= 10 && p.ageHours >= 3) {
    return {
      ...base,
      evidence,
      kind: "slow_start",
      severity: "low",
      title: `Slow start: ${formatRatio(p.ratioToTypical)}× your usual pace at ${formatHours(p.ageHours)}`,
      body: `${formatCount(p.views)} views at ${formatHours(p.ageHours)} old against ${formatCount(typical)} for your typical video. Share it to your Story or answer a comment with a video to give it a second push; if it stays slow, try a new hook on the same idea.`,
    };
  }
  return undefined;
}

/** Median current views of public posts at least a week old: the market's "typical post" (undefined with fewer than 5). */
export function typicalFinalViews(videos: readonly VideoAnalytics[], now: number): number | undefined {
  const finals = videos
    .filter((v) => v.status === "public" && v.latest && now - v.createdAtMs >= FINAL_AGE_MS)
    .map((v) => (v.latest as NonNullable<VideoAnalytics["latest"]>).views);
  return finals.length >= COLD_START_MIN_FINALS ? median(finals) : undefined;
}

function anomalyCard(a: Anomaly): Card {
  const evidence = String(a.details.evidence ?? "");
  const sureness = `Adam's confidence: ${String(a.details.confidenceText ?? Math.round(100 * a.confidence) + "%")}.`;
  const base = {
    factKey: `anomaly:${a.eventKey}`,
    severity: a.severity,
    evidence: {
      eventKey: a.eventKey,
      observed: a.observed,
      expected: a.expected,
      score: a.score,
      confidence: a.confidence,
      ...a.details,
    },
    expiresAt: a.windowEnd + DAY_MS,
  };
  const hours = formatHours(Number(a.details.windowHours ?? (a.windowEnd - a.windowStart) / HOUR_MS));
  const pace = formatPace(Number(a.details.ratio ?? (a.observed + 1) / (a.expected + 1)));
  if (a.metric === "followers") {
    const top = (
      a.details.attributedVideos as
        { videoId: string; excessViews: number; ageHours: number; resurfacing: boolean }[] | undefined
    )?.[0];
    if (a.kind === "drop") {
      return {
        ...base,
        videoId: null,
        kind: "follower_drop",
        title: `Follower growth stalled: ${formatCount(a.observed)} in ${hours}`,
        body: `${evidence} If you changed posting time or topic recently, that is the first thing to check. ${sureness}`,
      };
    }
    const cause = top
      ? `Most likely from a video posted ${formatHours(top.ageHours)} ago, ${formatCount(top.excessViews)} views above its own trend over the same hours${top.resurfacing ? " (an older post resurfacing)" : ""}. Post a follow-up to it while new followers are watching.`
      : "No single video brought enough extra views to explain it: check mentions, duets and stitches of your videos.";
    return {
      ...base,
      videoId: top?.videoId ?? null,
      kind: "follower_spike",
      title: `+${formatCount(a.observed)} followers in ${hours} (${pace} your usual pace)`,
      body: `${evidence} ${cause} ${sureness}`,
    };
  }
  const ageHours = Number(a.details.ageHours ?? 0);
  if (a.kind === "drop") {
    return {
      ...base,
      videoId: a.videoId,
      kind: "views_drop",
      title: `Views stalled: ${pace} the expected pace`,
      body: `${evidence} Check the TikTok app for a content notice on it; if there is none, it has likely left the For You feed. ${sureness}`,
    };
  }
  if (ageHours > 168) {
    return {
      ...base,
      videoId: a.videoId,
      kind: "resurfacing",
      title: `An old video is taking off again (${formatHours(ageHours)} old)`,
      body: `${evidence} Pin it to your profile and consider a part 2 while it is being shown again. ${sureness}`,
    };
  }
  return {
    ...base,
    videoId: a.videoId,
    kind: "views_spike",
    title: `Views spiking: ${pace} the expected pace`,
    body: `${evidence} Post a follow-up or a reply video while this audience is here. ${sureness}`,
  };
}

function forecastCard(v: VideoAnalytics): Card | undefined {
  const f = v.forecast.views7d;
  if (!f || f.observed || f.fittedOn < 3 || f.fromAgeHours >= 24) return undefined;
  return {
    factKey: `forecast:${v.videoId}`,
    videoId: v.videoId,
    kind: "forecast",
    severity: "info",
    title: `On track for ~${formatCount(f.p50)} views in its first week`,
    body: `From ${formatCount(f.fromViews)} views at ${formatHours(f.fromAgeHours)}: likely ${formatCount(f.p10)}–${formatCount(f.p90)} by day 7 (80% range), judged on your last ${f.fittedOn} videos.`,
    evidence: { ...f },
    expiresAt: v.createdAtMs + 2 * DAY_MS,
  };
}

function projectionCards(summary: AccountSummary, now: number): Card[] {
  const p = summary.followerProjection;
  const end = p?.points[p.points.length - 1];
  if (!p || !end || p.historyDays < 7) return [];
  const evidence = {
    baselinePerDay: p.baselinePerDay,
    jumpsPerDay: p.jumpsPerDay,
    jumpMedianFollowers: p.jumpMedianFollowers,
    historyDays: p.historyDays,
    day90: end,
  };
  const cards: Card[] = [
    {
      factKey: "projection:followers",
      videoId: null,
      kind: "projection",
      severity: "info",
      title: `~${formatCount(end.p50)} followers in 90 days`,
      body: `At your steady pace of ${formatCount(p.baselinePerDay)} a day plus the occasional viral jump: ${formatCount(end.p10)}–${formatCount(end.p90)} by ${formatDate(now + 90 * DAY_MS)} (80% range).`,
      evidence,
      expiresAt: now + DAY_MS,
    },
  ];
  const milestone = MILESTONES.find((m) => m > p.fromFollowers);
  const reached = milestone === undefined ? undefined : p.points.find((pt) => pt.p50 >= milestone);
  if (milestone !== undefined && reached !== undefined && reached.day > 0) {
    cards.push({
      factKey: `milestone:${milestone}`,
      videoId: null,
      kind: "milestone",
      severity: "info",
      title: `Likely to pass ${formatCount(milestone)} followers within ${reached.day <= 14 ? `${reached.day} days` : `${Math.round(reached.day / 7)} weeks`}`,
      body: `You have ${formatCount(p.fromFollowers)}; the median projection crosses ${formatCount(milestone)} around ${formatDate(now + reached.day * DAY_MS)}. Keep your posting pace to stay on it.`,
      evidence: { milestone, ...reached, fromFollowers: p.fromFollowers },
      expiresAt: now + DAY_MS,
    });
  }
  return cards;
}

function housekeepingCards(v: VideoAnalytics, previous: "public" | "unavailable" | undefined, now: number): Card[] {
  const cards: Card[] = [];
  if (v.status === "unavailable" && previous === "public") {
    cards.push({
      factKey: `unavailable:${v.videoId}`,
      videoId: v.videoId,
      kind: "video_unavailable",
      severity: "low",
      title: "A video is no longer public",
      body: "TikTok stopped returning it (made private or deleted). Its history stays here; it no longer counts towards your totals.",
      evidence: { lastViews: v.latest?.views ?? 0 },
      expiresAt: now + 7 * DAY_MS,
    });
  }
  for (const dip of v.dips) {
    const level = v.latest?.[dip.metric] ?? 0;
    if (dip.t < now - HOUR_MS || dip.amount < 10 || dip.amount < 0.01 * level) continue;
    cards.push({
      factKey: `dip:${v.videoId}:${dip.metric}:${dip.t}`,
      videoId: v.videoId,
      kind: "data_quality",
      severity: "info",
      title: `TikTok removed ${formatCount(dip.amount)} ${dip.metric} from a video`,
      body: "Counts fall when TikTok filters spam or invalid activity; there is nothing to do. Velocity and alerts ignore the fall.",
      evidence: { ...dip },
      expiresAt: dip.t + 2 * DAY_MS,
    });
  }
  return cards;
}

/** All cards for this run, deduplicated by fact and ranked (highest first). */
export function buildInsights(input: InsightInput): Insight[] {
  const cards: Card[] = [];
  const newestPublic = input.videos
    .filter((v) => v.status === "public")
    .sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
  const finals = typicalFinalViews(input.videos, input.now);
  for (const v of input.videos) {
    if (v.status === "public") {
      const pace = paceCard(v, input.now, finals);
      if (pace) cards.push(pace);
    }
    cards.push(...housekeepingCards(v, input.previousStatus.get(v.videoId), input.now));
  }
  const forecast = newestPublic && forecastCard(newestPublic);
  if (forecast) cards.push(forecast);
  for (const a of input.anomalies) cards.push(anomalyCard(a));
  cards.push(...projectionCards(input.summary, input.now));

  const best = new Map<string, Insight>();
  for (const c of cards) {
    if (c.expiresAt <= input.now) continue;
    const rank = SEVERITY_RANK[c.severity] + (KIND_RANK[c.kind] ?? 0);
    const prev = best.get(c.factKey);
    if (!prev || rank > prev.rank) best.set(c.factKey, { ...c, rank });
  }
  return [...best.values()].sort((a, b) => b.rank - a.rank || a.factKey.localeCompare(b.factKey));
}
