/** Each chart described in words beside it (pure: text from the API's answers). */
import type { Metrics, Video, VideoSeries } from "./api";
import { formatAge, formatDate, formatNumber } from "./format";

/** The comparison covers the first week, as far as the typical curve goes. */
const FIRST_WEEK_HOURS = 168;
const HOUR_MS = 3_600_000;
/** The oldest age the chart shows: the first week for a video followed from its start, else all it has. */
export function chartMaxAge(createTime: string, fetched: number[]): number {
  const created = Date.parse(createTime);
  const firstAge = fetched.length ? ((fetched[0] as number) - created) / HOUR_MS : 0;
  const lastAge = fetched.length ? ((fetched.at(-1) as number) - created) / HOUR_MS : 0;
  return firstAge < FIRST_WEEK_HOURS ? Math.max(1, Math.min(lastAge, FIRST_WEEK_HOURS)) : lastAge;
}

/** The follower chart: where the 30 days went, and where the projection says the next 90 go. */
export function followerSummary(m: Metrics, t: number[], followers: (number | null)[]): string {
  const points = t
    .map((x, i) => [x, followers[i]] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null && p[1] !== undefined);
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

/** The velocity chart: how far the video got, and where the typical video was at the latest age both reach. */
export function curveSummary(v: Video, series: VideoSeries, metrics: Metrics | null, maxAge: number): string {
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
