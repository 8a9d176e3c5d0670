/**
 * Account-level totals and 24 h / 7 d changes. Followers come straight from the (~14-day)
 * snapshots. Views and likes are summed over videos: 24 h from each video's recent snapshots,
 * 7 d from a running total of gains kept in the stored summary (one close per UTC day), since no
 * run sees a week of every video's snapshots.
 */
import { round } from "./numbers";
import { interpolate, lastAtOrBefore } from "./series";
import { DAY_MS, HOUR_MS, utcDayStart } from "./time";
import type { DailyRecord, FollowerSnapshot, VideoAnalytics, VideoSnapshot, WindowChange } from "./types";

const KEEP_DAYS = 120;
/** A window counts as covered when history starts at most this long after its start. */
const COVERAGE_SLACK_MS = HOUR_MS;

export interface TrackedVideo {
  id: string;
  createdAtMs: number;
  snapshots: readonly VideoSnapshot[];
  stored?: VideoAnalytics;
}

/** Follower change over 24 h and 7 d; null while the snapshots do not reach back that far. */
export function followerChanges(followers: readonly FollowerSnapshot[], now: number): WindowChange {
  const last = followers[followers.length - 1];
  const first = followers[0];
  const change = (ms: number) => {
    if (!last || !first || first.t > now - ms + COVERAGE_SLACK_MS) return null;
    const before = interpolate(followers, now - ms, (s) => s.count) ?? first.count;
    return round(last.count - before);
  };
  return { h24: change(DAY_MS), d7: change(7 * DAY_MS) };
}

function valueAt(v: TrackedVideo, tMs: number, metric: "views" | "likes" | "comments" | "shares"): number {
  if (v.createdAtMs >= tMs) return 0;
  const exact = interpolate(v.snapshots, tMs, (s) => s[metric]);
  if (exact !== undefined) return exact;
  const i = lastAtOrBefore(v.snapshots, tMs);
  return (v.snapshots[Math.max(0, i)] as VideoSnapshot | undefined)?.[metric] ?? 0;
}

/** Views (or likes) gained over the last 24 h across videos; null before a day of tracking. */
export function gained24h(
  videos: readonly TrackedVideo[],
  now: number,
  trackingSinceMs: number,
  metric: "views" | "likes",
): number | null {
  if (trackingSinceMs > now - DAY_MS + COVERAGE_SLACK_MS) return null;
  let sum = 0;
  for (const v of videos) {
    const last = v.snapshots[v.snapshots.length - 1];
    if (last) sum += last[metric] - valueAt(v, now - DAY_MS, metric);
  }
  return round(sum);
}

/**
 * Gains since the previous run: each video's newest counter minus the newest one stored last
 * time. A video first seen now counts from zero only if it was posted after tracking began.
 */
export function gainsSinceLastRun(
  videos: readonly TrackedVideo[],
  trackingSinceMs: number,
): { views: number; likes: number } {
  let views = 0;
  let likes = 0;
  for (const v of videos) {
    const last = v.snapshots[v.snapshots.length - 1];
    if (!last) continue;
    const before = v.stored?.latest ?? (v.createdAtMs >= trackingSinceMs ? { views: 0, likes: 0 } : undefined);
    if (!before || (v.stored && v.stored.lastSnapshotMs >= last.t)) continue;
    views += last.views - before.views;
    likes += last.likes - before.likes;
  }
  return { views, likes };
}

/** Today's record replaces the last one of the same day; older than KEEP_DAYS drop off. */
export function updateDaily(daily: readonly DailyRecord[], record: DailyRecord): DailyRecord[] {
  const kept = daily.filter(
    (d) => d.dayStartMs !== record.dayStartMs && d.dayStartMs > record.dayStartMs - KEEP_DAYS * DAY_MS,
  );
  return [...kept, record].sort((a, b) => a.dayStartMs - b.dayStartMs);
}

export function dailyRecord(
  now: number,
  followers: number | null,
  cumulative: { views: number; likes: number },
  engagementRate: number | null = null,
): DailyRecord {
  return {
    dayStartMs: utcDayStart(now),
    atMs: now,
    followers,
    cumulativeViews: cumulative.views,
    cumulativeLikes: cumulative.likes,
    engagementRate,
  };
}

/**
 * The engagement rate as it stood at `tMs`: (likes + comments + shares) / views over the `count`
 * newest videos posted by then, with their counters at that time; null without views.
 */
export function engagementRateAt(videos: readonly TrackedVideo[], tMs: number, count: number): number | null {
  const then = videos
    .filter((v) => v.createdAtMs <= tMs && v.snapshots.length > 0)
    .toSorted((a, b) => b.createdAtMs - a.createdAtMs)
    .slice(0, count);
  let views = 0;
  let engaged = 0;
  for (const v of then) {
    views += valueAt(v, tMs, "views");
    engaged += valueAt(v, tMs, "likes") + valueAt(v, tMs, "comments") + valueAt(v, tMs, "shares");
  }
  return views > 0 ? round(engaged / views, 4) : null;
}

/**
 * How the engagement rate moved (0.004 = 0.4 percentage points): over 24 h from the videos'
 * recent snapshots, over 7 d from the daily records (each day's last rate, interpolated); null
 * until the history reaches back that far.
 */
export function engagementChanges(
  rateNow: number | null,
  videos: readonly TrackedVideo[],
  daily: readonly DailyRecord[],
  now: number,
  trackingSinceMs: number,
  count: number,
): WindowChange {
  if (rateNow === null) return { h24: null, d7: null };
  const dayAgo =
    trackingSinceMs > now - DAY_MS + COVERAGE_SLACK_MS ? null : engagementRateAt(videos, now - DAY_MS, count);
  const series = daily.flatMap((d) =>
    d.engagementRate === null || d.engagementRate === undefined ? [] : [{ t: d.atMs, v: d.engagementRate }],
  );
  const first = series[0];
  const weekAgo =
    !first || first.t > now - 7 * DAY_MS + COVERAGE_SLACK_MS
      ? null
      : (interpolate(series, now - 7 * DAY_MS, (s) => s.v) ?? first.v);
  return {
    h24: dayAgo === null ? null : round(rateNow - dayAgo, 4),
    d7: weekAgo === null ? null : round(rateNow - weekAgo, 4),
  };
}

/** Gain over the last 7 d from the daily running totals; null before a week of tracking. */
export function gained7d(
  daily: readonly DailyRecord[],
  now: number,
  trackingSinceMs: number,
  metric: "cumulativeViews" | "cumulativeLikes",
): number | null {
  if (trackingSinceMs > now - 7 * DAY_MS + COVERAGE_SLACK_MS) return null;
  const series = daily.map((d) => ({ t: d.atMs, v: d[metric] }));
  const last = series[series.length - 1];
  if (!last) return null;
  const before = interpolate(series, now - 7 * DAY_MS, (s) => s.v) ?? (series[0] as { v: number }).v;
  return round(last.v - before);
}
