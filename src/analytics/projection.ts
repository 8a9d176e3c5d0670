/**
 * 90-day follower projection. Growth is split into a steady daily pace (the median day, so viral
 * days do not inflate it) and viral jumps (how often the creator's history shows days far above
 * that pace, and how big they were). A Monte Carlo then draws 90 days many times — uncertain
 * pace, day-to-day noise, a random number of jumps of random sizes — and reads the P10/P50/P90
 * fan. The market's compound-rate calculator extrapolates one growth rate instead; the backtest
 * measures the difference.
 */
import { MAD_TO_SIGMA, finite, mad, mean, median, quantileSorted, round } from "./numbers";
import { createRng } from "./random";
import { interpolate } from "./series";
import { DAY_MS } from "./time";
import type { DailyRecord, FollowerProjection, FollowerSnapshot, ProjectionPoint } from "./types";

export const PROJECTION_DAYS = 90;
const POINT_DAYS = [0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 90];
const PATHS = 400;
const MAX_HISTORY_DAYS = 60;
const PACE_DAYS = 28;
/**
 * Assumptions, checked by the backtest rather than fitted to it: a creator's steady pace can
 * halve or double over a quarter (σ of ln pace over the horizon), and viral jumps come about
 * once a month, typically ten days' worth of steady growth but often far more (σ of ln size).
 * A creator's own history replaces the jump prior as it accumulates.
 */
const PACE_DRIFT = 0.5;
const PRIOR_JUMPS = 1;
const PRIOR_DAYS = 30;
const PRIOR_JUMP_DAYS_OF_PACE = 10;
const PRIOR_JUMP_SIGMA = 1.5;

export interface ProjectionInput {
  now: number;
  /** Clean follower snapshots (~14 days). */
  followers: readonly FollowerSnapshot[];
  /** Stored daily closes, for history beyond the snapshots. */
  daily: readonly DailyRecord[];
  seed: number;
}

/** Followers at any time: from snapshots, else from daily closes; undefined outside both. */
function followerHistory(input: ProjectionInput): (tMs: number) => number | undefined {
  const closes = input.daily
    .filter((d) => d.followers !== null)
    .map((d) => ({ t: d.atMs, count: d.followers as number }));
  return (tMs) => interpolate(input.followers, tMs, (s) => s.count) ?? interpolate(closes, tMs, (s) => s.count);
}

/** Net follower change of each whole day back from now, newest first. */
export function dailyAdds(input: ProjectionInput): number[] {
  const followersAt = followerHistory(input);
  const adds: number[] = [];
  let later = followersAt(input.now);
  for (let k = 1; k <= MAX_HISTORY_DAYS && later !== undefined; k++) {
    const earlier = followersAt(input.now - k * DAY_MS);
    if (earlier === undefined) break;
    adds.push(later - earlier);
    later = earlier;
  }
  return adds;
}

export function projectFollowers(input: ProjectionInput): FollowerProjection | null {
  const from = followerHistory(input)(input.now);
  const adds = dailyAdds(input);
  if (from === undefined || adds.length === 0) return null;

  const recent = adds.slice(0, PACE_DAYS);
  const centre = median(recent);
  const noise = Math.max(MAD_TO_SIGMA * mad(recent, centre), Math.sqrt(Math.abs(centre) + 1));
  const isJump = (d: number) => d - centre > Math.max(4 * noise, Math.abs(centre), 10);
  const steady = recent.filter((d) => !isJump(d));
  const pace = median(steady.length > 0 ? steady : recent);
  const jumps = adds.filter(isJump).map((d) => d - pace);
  const jumpsPerDay = (jumps.length + PRIOR_JUMPS) / (adds.length + PRIOR_DAYS);
  const logSizes = jumps.map((j) => Math.log(Math.max(1, j)));
  const sizeMu =
    logSizes.length > 0 ? mean(logSizes) : Math.log(Math.max(20, PRIOR_JUMP_DAYS_OF_PACE * Math.abs(pace)));
  const sizeSigma =
    logSizes.length > 1 ? Math.max(0.5, Math.sqrt(mean(logSizes.map((x) => (x - sizeMu) ** 2)))) : PRIOR_JUMP_SIGMA;
  // Pace uncertainty: multiplicative drift of the pace itself, plus the error of estimating it from few days.
  const paceError = noise / Math.sqrt(adds.length);

  const rng = createRng(input.seed);
  const samples: number[][] = POINT_DAYS.map(() => []);
  for (let p = 0; p < PATHS; p++) {
    const pathPace =
      pace * Math.exp(PACE_DRIFT * rng.normal() - (PACE_DRIFT * PACE_DRIFT) / 2) + paceError * rng.normal();
    let jumpTotal = 0;
    for (let i = 0; i < POINT_DAYS.length; i++) {
      const day = POINT_DAYS[i] as number;
      const n = rng.poisson(jumpsPerDay * (day - (POINT_DAYS[i - 1] ?? 0)));
      for (let j = 0; j < n; j++) jumpTotal += Math.exp(sizeMu + sizeSigma * rng.normal());
      const value = from + pathPace * day + noise * Math.sqrt(day) * rng.normal() + jumpTotal;
      (samples[i] as number[]).push(Math.max(0, finite(value)));
    }
  }
  const points: ProjectionPoint[] = POINT_DAYS.map((day, i) => {
    const sorted = (samples[i] as number[]).sort((a, b) => a - b);
    return {
      day,
      p10: round(quantileSorted(sorted, 0.1)),
      p50: round(quantileSorted(sorted, 0.5)),
      p90: round(quantileSorted(sorted, 0.9)),
    };
  });
  return {
    computedAtMs: input.now,
    fromFollowers: round(from),
    baselinePerDay: round(pace, 2),
    jumpsPerDay: round(jumpsPerDay, 4),
    jumpMedianFollowers: round(Math.exp(sizeMu)),
    historyDays: adds.length,
    points,
  };
}
