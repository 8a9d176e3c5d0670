/**
 * Goals: a follower count or a number of views in a period, by a date. Progress is read from the
 * account's figures; the chance of getting there comes from the 90-day follower projection
 * (projection.ts: its P10/P50/P90 at the deadline, read as a two-piece normal) for followers, and
 * from the creator's own daily views (median pace and its day-to-day spread) for views.
 */
import { MAD_TO_SIGMA, clamp, mad, median, normalCdf, round } from "../numbers";
import { DAY_MS } from "../time";
import type { DailyRecord, FollowerProjection, ProjectionPoint } from "../types";
import type { GoalInput, GoalStatus } from "./types";

/** How far ahead a views goal's likely date is given (a pace extrapolated further says little). */
const VIEWS_HORIZON_DAYS = 365;
const PACE_DAYS = 28;
const Z90 = 1.2816;

export interface GoalContext {
  nowMs: number;
  followers: number | null;
  /** Views gained since tracking began (AccountSummary.cumulative.views) and the daily closes. */
  cumulativeViews: number;
  daily: readonly DailyRecord[];
  projection: FollowerProjection | null;
}

/** The projection's quantiles at a day, interpolated between its points (clamped to its horizon). */
export function projectionAt(points: readonly ProjectionPoint[], day: number): ProjectionPoint | undefined {
  if (points.length === 0) return undefined;
  const last = points[points.length - 1] as ProjectionPoint;
  const d = clamp(day, 0, last.day);
  const i = points.findIndex((p) => p.day >= d);
  const b = points[i] as ProjectionPoint;
  const a = points[Math.max(0, i - 1)] as ProjectionPoint;
  const f = b.day === a.day ? 0 : (d - a.day) / (b.day - a.day);
  const lerp = (x: number, y: number) => x + (y - x) * f;
  return { day: d, p10: lerp(a.p10, b.p10), p50: lerp(a.p50, b.p50), p90: lerp(a.p90, b.p90) };
}

/** P(X ≥ target) for a quantile triple read as a two-piece normal around the median. */
export function chanceAtLeast(q: { p10: number; p50: number; p90: number }, target: number): number {
  const sigma = target >= q.p50 ? (q.p90 - q.p50) / Z90 : (q.p50 - q.p10) / Z90;
  if (!(sigma > 0)) return target <= q.p50 ? 1 : 0;
  return 1 - normalCdf((target - q.p50) / sigma);
}

type Outlook = Pick<GoalStatus, "probability" | "likelyDateMs" | "note">;

const unknownOutlook = (note: string): Outlook => ({ probability: null, likelyDateMs: null, note });

/** What every kind of goal shares: reached, past its date, or open with the kind's own outlook. */
function settle(
  goal: GoalInput,
  ctx: GoalContext,
  current: number,
  progress: number,
  outlook: () => Outlook,
): GoalStatus {
  const base = { id: goal.id, kind: goal.kind, target: goal.target, deadlineMs: goal.deadlineMs, current };
  if (current >= goal.target)
    return { ...base, progress: 1, achieved: true, probability: 1, likelyDateMs: null, note: "reached" };
  if (goal.deadlineMs <= ctx.nowMs)
    return { ...base, progress, achieved: false, probability: 0, likelyDateMs: null, note: "the date has passed" };
  return { ...base, progress, achieved: false, ...outlook() };
}

function followerGoal(goal: GoalInput, ctx: GoalContext): GoalStatus {
  const current = ctx.followers ?? goal.baseline;
  const span = goal.target - goal.baseline;
  const progress = span > 0 ? clamp((current - goal.baseline) / span, 0, 1) : current >= goal.target ? 1 : 0;
  return settle(goal, ctx, current, progress, () => followerOutlook(goal, ctx.projection));
}

function followerOutlook(goal: GoalInput, p: FollowerProjection | null): Outlook {
  if (!p || p.points.length === 0) return unknownOutlook("no projection yet: it needs a day of follower history");
  const horizon = (p.points[p.points.length - 1] as ProjectionPoint).day;
  const day = (goal.deadlineMs - p.computedAtMs) / DAY_MS;
  const atDeadline = projectionAt(p.points, day) as ProjectionPoint;
  let likelyDateMs: number | null = null;
  for (let d = 0; d <= horizon; d++) {
    if ((projectionAt(p.points, d) as ProjectionPoint).p50 >= goal.target) {
      likelyDateMs = p.computedAtMs + d * DAY_MS;
      break;
    }
  }
  return {
    probability: round(chanceAtLeast(atDeadline, goal.target), 3),
    likelyDateMs,
    note: day > horizon ? `the date is past the ${horizon}-day projection: this is the chance by day ${horizon}` : null,
  };
}

/** Cumulative views at a time, from the daily closes (the first close before tracking had any). */
function cumulativeAt(daily: readonly DailyRecord[], tMs: number): number {
  let value = daily[0]?.cumulativeViews ?? 0;
  for (const d of daily) if (d.atMs <= tMs) value = d.cumulativeViews;
  return value;
}

/** Views per day over the last PACE_DAYS closes: median and day-to-day σ; undefined with fewer than 3 days. */
export function viewsPace(
  daily: readonly DailyRecord[],
  nowMs: number,
): { perDay: number; sigma: number; days: number } | undefined {
  const recent = daily.filter((d) => d.atMs > nowMs - (PACE_DAYS + 1) * DAY_MS);
  const rates: number[] = [];
  for (let i = 1; i < recent.length; i++) {
    const a = recent[i - 1] as DailyRecord;
    const b = recent[i] as DailyRecord;
    const days = (b.atMs - a.atMs) / DAY_MS;
    if (days > 0.5) rates.push(Math.max(0, b.cumulativeViews - a.cumulativeViews) / days);
  }
  if (rates.length < 3) return undefined;
  const perDay = median(rates);
  return { perDay, sigma: Math.max(MAD_TO_SIGMA * mad(rates, perDay), Math.sqrt(perDay + 1)), days: rates.length };
}

function viewsGoal(goal: GoalInput, ctx: GoalContext): GoalStatus {
  const current = Math.max(0, ctx.cumulativeViews - cumulativeAt(ctx.daily, goal.startMs));
  const progress = goal.target > 0 ? clamp(current / goal.target, 0, 1) : 1;
  return settle(goal, ctx, current, progress, () => viewsOutlook(goal, ctx, current));
}

function viewsOutlook(goal: GoalInput, ctx: GoalContext, current: number): Outlook {
  const pace = viewsPace(ctx.daily, ctx.nowMs);
  if (!pace) return unknownOutlook("not enough history yet: the chance needs three days of views");
  const remainingDays = (goal.deadlineMs - ctx.nowMs) / DAY_MS;
  const paceError = (1.25 * pace.sigma) / Math.sqrt(pace.days);
  const expected = current + pace.perDay * remainingDays;
  const sd = Math.sqrt(pace.sigma ** 2 * remainingDays + (paceError * remainingDays) ** 2);
  const probability = sd > 0 ? 1 - normalCdf((goal.target - expected) / sd) : expected >= goal.target ? 1 : 0;
  const daysNeeded = pace.perDay > 0 ? (goal.target - current) / pace.perDay : Infinity;
  return {
    probability: round(probability, 3),
    likelyDateMs: daysNeeded <= VIEWS_HORIZON_DAYS ? Math.round(ctx.nowMs + daysNeeded * DAY_MS) : null,
    note: null,
  };
}

export function goalStatus(goal: GoalInput, ctx: GoalContext): GoalStatus {
  return goal.kind === "followers" ? followerGoal(goal, ctx) : viewsGoal(goal, ctx);
}
