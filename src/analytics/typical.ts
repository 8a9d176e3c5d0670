/**
 * The creator's typical curve (age-matched quantiles of their recent videos' views, with a band)
 * and a video's percentile against it: "this video vs your own history at the same age".
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { quantileSorted, round, sortedFinite } from "./numbers";
import type { AgePercentile, Checkpoint, TypicalCurve, TypicalPoint, TypicalVelocity } from "./types";

/** A video reduced to what the age-matched statistics need. */
export interface CheckpointedVideo {
  id: string;
  createdAtMs: number;
  checkpoints: readonly Checkpoint[];
}

/** How many recent videos make "typical": recent enough to reflect the creator now, enough for a band. */
export const TYPICAL_VIDEOS = 30;
/** Ages at which each video gets a percentile. */
export const PERCENTILE_AGES_HOURS: readonly number[] = [1, 2, 3, 6, 24];

function viewsAt(v: CheckpointedVideo, ageHours: number): number | undefined {
  return v.checkpoints.find((c) => c.ageHours === ageHours)?.views;
}

export function newestFirst<T extends { createdAtMs: number }>(videos: readonly T[]): T[] {
  return [...videos].sort((a, b) => b.createdAtMs - a.createdAtMs);
}

/** Ratios of tiny counts are mostly rounding: only videos with this many views at the earlier age count. */
const MIN_GROWTH_VIEWS = 20;

/**
 * ln(views at `toAge` / views at `fromAge`), never below 0, of the newest `limit` videos that have
 * both checkpoints and enough views at the first (input newest first).
 */
export function recentGrowth(
  videos: readonly CheckpointedVideo[],
  fromAge: number,
  toAge: number,
  limit: number,
): number[] {
  const out: number[] = [];
  for (const v of videos) {
    const x = viewsAt(v, fromAge);
    const y = viewsAt(v, toAge);
    if (x !== undefined && y !== undefined && x >= MIN_GROWTH_VIEWS) out.push(Math.log(Math.max(x, y) / x));
    if (out.length >= limit) break;
  }
  return out;
}

/** Views at `ageHours` of the newest `limit` videos that have that checkpoint (input newest first). */
export function recentValuesAt(
  videos: readonly CheckpointedVideo[],
  ageHours: number,
  limit = TYPICAL_VIDEOS,
): { id: string; views: number }[] {
  const out: { id: string; views: number }[] = [];
  for (const v of videos) {
    const views = viewsAt(v, ageHours);
    if (views !== undefined) out.push({ id: v.id, views });
    if (out.length >= limit) break;
  }
  return out;
}

export function typicalCurve(all: readonly CheckpointedVideo[], limit = TYPICAL_VIDEOS): TypicalCurve {
  const videos = newestFirst(all);
  const used = new Set<string>();
  const points: TypicalPoint[] = [];
  for (const ageHours of CHECKPOINT_AGES_HOURS) {
    const values = recentValuesAt(videos, ageHours, limit);
    if (values.length === 0) continue;
    for (const v of values) used.add(v.id);
    const sorted = sortedFinite(values.map((v) => v.views));
    const q = (p: number) => round(quantileSorted(sorted, p), 1);
    points.push({ ageHours, p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), n: sorted.length });
  }
  const velocity: TypicalVelocity[] = [];
  for (let i = 0; i < CHECKPOINT_AGES_HOURS.length; i++) {
    const to = CHECKPOINT_AGES_HOURS[i] as number;
    const from = i === 0 ? 0 : (CHECKPOINT_AGES_HOURS[i - 1] as number);
    const rates: number[] = [];
    for (const v of videos) {
      const b = viewsAt(v, to);
      const a = from === 0 ? 0 : viewsAt(v, from);
      if (a !== undefined && b !== undefined) rates.push(Math.max(0, b - a) / (to - from));
      if (rates.length >= limit) break;
    }
    if (rates.length === 0) continue;
    const sorted = sortedFinite(rates);
    const q = (p: number) => round(quantileSorted(sorted, p), 2);
    velocity.push({
      fromAgeHours: from,
      toAgeHours: to,
      p25PerHour: q(0.25),
      p50PerHour: q(0.5),
      p75PerHour: q(0.75),
      n: sorted.length,
    });
  }
  return { videos: used.size, points, velocity };
}

/**
 * Mid-rank percentile (0–100) of `value` among `reference`: ties count half, so a value equal to
 * every reference is the 50th percentile. Undefined without a reference.
 */
export function percentileAtAge(value: number, reference: readonly number[]): number | undefined {
  const xs = reference.filter(Number.isFinite);
  if (xs.length === 0 || !Number.isFinite(value)) return undefined;
  let below = 0;
  let equal = 0;
  for (const x of xs) {
    if (x < value) below++;
    else if (x === value) equal++;
  }
  return round((100 * (below + 0.5 * equal)) / xs.length, 1);
}

/**
 * A video's percentiles at 1, 2, 3, 6 and 24 h against the creator's videos posted before it
 * (its history at the time, so the number does not drift as newer videos arrive).
 */
export function agePercentiles(
  video: CheckpointedVideo,
  all: readonly CheckpointedVideo[],
  limit = TYPICAL_VIDEOS,
): AgePercentile[] {
  const earlier = newestFirst(all).filter((v) => v.id !== video.id && v.createdAtMs < video.createdAtMs);
  const out: AgePercentile[] = [];
  for (const ageHours of PERCENTILE_AGES_HOURS) {
    const views = viewsAt(video, ageHours);
    if (views === undefined) continue;
    const reference = recentValuesAt(earlier, ageHours, limit).map((v) => v.views);
    const percentile = percentileAtAge(views, reference);
    if (percentile === undefined) continue;
    const typical = quantileSorted(sortedFinite(reference), 0.5);
    out.push({
      ageHours,
      views,
      percentile,
      ratioToTypical: round((views + 1) / (typical + 1), 3),
      comparedWith: reference.length,
    });
  }
  return out;
}
