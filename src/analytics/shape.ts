/**
 * The creator's growth shape: the fraction of eventual views a typical video of theirs has at
 * each age, as a log-logistic curve G(a) = 1 / (1 + (h / a)^k) (half the views by h hours; larger
 * k, sharper early peak). Anomaly detection scales it to one video's level and asks how many
 * views a window *should* have brought at that age.
 *
 * Fitted on the median log ratio between consecutive checkpoints across the creator's videos,
 * with the forecast prior's curve as pseudo-data while they are few. A smooth two-parameter
 * curve rather than the raw medians: velocity must not jump where one checkpoint segment meets
 * the next, or every video crossing that age would look like a spike or a drop.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { clamp, median, round as roundTo } from "./numbers";
import type { GrowthShape } from "./types";
import type { CheckpointedVideo } from "./typical";
import { newestFirst, recentGrowth } from "./typical";

/** The generic curve before a creator has history: half of the eventual views by 12 h, shape 1.3. */
export const GENERIC_SHAPE: GrowthShape = { halfLifeHours: 12, shape: 1.3, videos: 0 };
const SHAPE_VIDEOS = 40;
/** The prior counts as this many videos in every segment. */
const PRIOR_WEIGHT = 4;
/** Search ranges: half-life 0.5 h – 500 h (log scale), shape 0.5 – 3. */
const LN_HALF_LIFE = [Math.log(0.5), Math.log(500)] as const;
const SHAPE_RANGE = [0.5, 3] as const;

export type Shape = (ageHours: number) => number;

/** Median ln(views at the next checkpoint / views at this one) per segment, and how many videos gave it. */
function segmentSteps(videos: readonly CheckpointedVideo[]): { from: number; to: number; step: number; n: number }[] {
  const recent = newestFirst(videos);
  const out = [];
  for (let i = 0; i + 1 < CHECKPOINT_AGES_HOURS.length; i++) {
    const from = CHECKPOINT_AGES_HOURS[i] as number;
    const to = CHECKPOINT_AGES_HOURS[i + 1] as number;
    const own = recentGrowth(recent, from, to, SHAPE_VIDEOS);
    out.push({ from, to, step: own.length > 0 ? median(own) : 0, n: own.length });
  }
  return out;
}

/**
 * Least squares over (ln half-life, shape), by a coarse grid refined twice around the best point:
 * exact enough for a curve that only sets expectations, and cheap enough to refit every run.
 */
export function fitGrowthShape(videos: readonly CheckpointedVideo[]): GrowthShape {
  const segments = segmentSteps(videos);
  const lnAges = CHECKPOINT_AGES_HOURS.map(Math.log);
  const lnShares = (lnH: number, k: number) => lnAges.map((lnA) => -Math.log1p(Math.exp(k * (lnH - lnA))));
  const priorShares = lnShares(Math.log(GENERIC_SHAPE.halfLifeHours), GENERIC_SHAPE.shape);
  const priorSteps = segments.map((_, i) => (priorShares[i + 1] as number) - (priorShares[i] as number));
  const loss = (lnH: number, k: number) => {
    const g = lnShares(lnH, k);
    let total = 0;
    segments.forEach((s, i) => {
      const model = (g[i + 1] as number) - (g[i] as number);
      total += s.n * (s.step - model) ** 2 + PRIOR_WEIGHT * ((priorSteps[i] as number) - model) ** 2;
    });
    return total;
  };
  let best: { lnH: number; k: number } = { lnH: Math.log(GENERIC_SHAPE.halfLifeHours), k: GENERIC_SHAPE.shape };
  let span = { lnH: (LN_HALF_LIFE[1] - LN_HALF_LIFE[0]) / 2, k: (SHAPE_RANGE[1] - SHAPE_RANGE[0]) / 2 };
  let centre = { lnH: (LN_HALF_LIFE[0] + LN_HALF_LIFE[1]) / 2, k: (SHAPE_RANGE[0] + SHAPE_RANGE[1]) / 2 };
  for (let round = 0; round < 3; round++) {
    let bestLoss = Infinity;
    for (let i = -8; i <= 8; i++) {
      for (let j = -6; j <= 6; j++) {
        const lnH = clamp(centre.lnH + (span.lnH * i) / 8, LN_HALF_LIFE[0], LN_HALF_LIFE[1]);
        const k = clamp(centre.k + (span.k * j) / 6, SHAPE_RANGE[0], SHAPE_RANGE[1]);
        const l = loss(lnH, k);
        if (l < bestLoss) [bestLoss, best] = [l, { lnH, k }];
      }
    }
    centre = best;
    span = { lnH: span.lnH / 6, k: span.k / 5 };
  }
  return {
    halfLifeHours: roundTo(Math.exp(best.lnH), 2),
    shape: roundTo(best.k, 2),
    videos: Math.max(0, ...segments.map((s) => s.n)),
  };
}

export function typicalShape(growth: GrowthShape): Shape {
  return (ageHours: number) => (ageHours > 0 ? 1 / (1 + Math.pow(growth.halfLifeHours / ageHours, growth.shape)) : 0);
}

/** Shape increment between two ages (≥ 0). */
export function shapeIncrement(shape: Shape, fromAgeHours: number, toAgeHours: number): number {
  return Math.max(0, shape(toAgeHours) - shape(fromAgeHours));
}
