/**
 * View forecasts from early velocity. Szabo & Huberman (2008): the log of a video's views at a
 * target age is its log views now plus a log ratio that depends on the current age, with noise:
 *
 *   ln(N_T + 1) = ln(N_a + 1) + μ_a + γ_a · (x − x̄_a) + η_a · (e − ē_a) + ε
 *
 * where x = ln(N_a + 1) (big videos of a creator often grow relatively less) and e is the growth
 * still ahead if the video kept its current pace (Pinto et al. 2013: the recent views carry more
 * than the total), e = ln(1 + pace · (T − a) / (N_a + 1)), the pace measured since the previous
 * checkpoint age.
 *
 * Two estimates of μ, blended by how much each knows:
 * - the chain: the creator's typical growth from age a to T as the sum of their median growth over
 *   each checkpoint segment in between (every video counts in the segments it has lived through,
 *   so a creator's 7-day ratio is known days before any of their videos is a week old), each
 *   segment shrunk towards their growth shape (shape.ts) while it has few videos;
 * - the direct fit on the creator's newest videos that reached T (the regression above, slopes by
 *   Huber regression with ridge penalties), which pins the ratio and the slopes once there are
 *   enough of them. The chain counts as DIRECT_PRIOR_WEIGHT videos in μ.
 * Before any video of theirs has reached T, the video's own pace against the pace a typical
 * video of theirs has at that age tilts the chain (half-way to proportional): where the creator's
 * history says nothing yet, the video's own trend does.
 *
 * The P10–P90 range is split-conformal per target and age: the leave-one-out residuals of the
 * direct fit (each video against a centre fitted without it), taken at the finite-sample rank
 * ⌈q(n + 1)⌉ and widened by a Student-t factor for very small n, pooled with the chain's own
 * spread (the sum of the segments' P10/P90 deviations) while n is small, and widened by
 * the disagreement between the two centres. Then adaptive conformal inference (Gibbs & Candès 2021, see
 * forecast-calibration.ts) scales each side per target and age by how the creator's own matured
 * videos fell against the previous model's ranges.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import {
  MAD_TO_SIGMA,
  clamp,
  expm1Count,
  log1pCount,
  median,
  predictiveQuantile,
  quantileSorted,
  round,
  sortedFinite,
  weightedMean,
} from "./numbers";
import type { CheckpointedVideo } from "./typical";
import { newestFirst } from "./typical";
import { GENERIC_SHAPE, typicalShape } from "./shape";
import type { Checkpoint, ForecastModel, GrowthShape, LogRatioFit, ViewForecast } from "./types";

export const FORECAST_TARGETS_HOURS: readonly number[] = [24, 168];
/** The stamp of the current model's shape: a stored model without it is refitted. */
export const FORECAST_MODEL_VERSION = 2;
/** Videos the fits use: the newest (the creator's audience changes). */
const FIT_VIDEOS = 40;
const SEGMENT_VIDEOS = 40;
/** The growth shape counts as this many videos in each segment of the chain. */
const SEGMENT_PRIOR_WEIGHT = 1;
/** The chain counts as this many videos in the direct fit's centre, and this many in its spread. */
const DIRECT_PRIOR_WEIGHT = 4;
const SPREAD_PRIOR_WEIGHT = 1;
/**
 * A segment's 80% half-width while the creator has no video through it: a floor plus half the
 * log growth expected in it (videos differ more where more growth is left). Assumptions about
 * short-video curves, not fits to any data set.
 */
const PRIOR_SPREAD = { floor: 0.03, perGrowth: 0.5 } as const;
/** σ of a creator's log growth around their growth shape, per unit of log growth (the shape's own error). */
const PRIOR_CENTRE_SIGMA = 0.45;
/** Segment deviations add up linearly across segments; this much of the sum (a video fast in one segment is not always fast in all). */
const CHAIN_SPREAD_SHARE = 0.9;
/** Ridge penalties (in units of squared centred feature summed over videos) and ranges of the slopes. */
const LEVEL_PENALTY = 10;
const LEVEL_RANGE = [-1, 0.5] as const;
const PACE_PENALTY = 0.2;
const PACE_RANGE = [-3, 3] as const;
/** Without any video at the target, the video's pace tilts the chain this much of proportionally. */
const PRIOR_PACE_SHARE = 0.5;
/** Huber regression for the slopes: iterations of reweighting, and the threshold in robust σ of the residuals. */
const ROBUST_ITERATIONS = 6;
const HUBER_K = 0.5;
/** The pace feature from this age on (earlier, a checkpoint half an hour back says little), and its proportional prior from 2 h. */
const PACE_MIN_AGE = 1;
const PACE_PRIOR_MIN_AGE = 2;
/** Below this many videos the range is widened like a Student-t prediction interval. */
const SMALL_N = 9;
/** z of the 90th percentile: 80% half-width = 1.28 σ. */
const Z90 = 1.2816;
/** t(0.9, df) / z(0.9): how much wider a 10–90% interval is when σ comes from df degrees of freedom. */
const T90_OVER_Z: readonly (readonly [number, number])[] = [
  [1, 3.078],
  [2, 1.886],
  [3, 1.638],
  [4, 1.533],
  [5, 1.476],
  [6, 1.44],
  [7, 1.415],
  [8, 1.397],
  [9, 1.383],
  [10, 1.372],
];

function tInflation(n: number): number {
  if (n >= SMALL_N) return 1;
  const df = Math.max(1, n + SPREAD_PRIOR_WEIGHT - 1);
  let t = Z90;
  for (const [d, q] of T90_OVER_Z) if (d <= df) t = q;
  return Math.sqrt(1 + 1 / (n + SPREAD_PRIOR_WEIGHT)) * (t / Z90);
}

const AGE_INDEX = new Map(CHECKPOINT_AGES_HOURS.map((a, i) => [a, i]));

/** A video's views at each checkpoint age (NaN where it has none), read once per fit. */
function grid(v: CheckpointedVideo): Float64Array {
  const out = new Float64Array(CHECKPOINT_AGES_HOURS.length).fill(NaN);
  for (const c of v.checkpoints) {
    const i = AGE_INDEX.get(c.ageHours);
    if (i !== undefined) out[i] = c.views;
  }
  return out;
}

/**
 * The pace feature: log of 1 + the growth still ahead at the pace since `before` (views at
 * `paceFrom` × age), relative to the views now.
 */
export function paceFeature(
  views: number,
  before: number,
  paceFrom: number,
  ageHours: number,
  targetAgeHours: number,
): number {
  const hours = (1 - paceFrom) * ageHours;
  if (!(hours > 0)) return 0;
  const pace = Math.max(0, views - before) / hours;
  return Math.log1p((pace * Math.max(0, targetAgeHours - ageHours)) / (Math.max(0, views) + 1));
}

interface ChainSegment {
  /** Centre (log growth), 80% deviations below and above, variance of the centre, the prior's share of the centre. */
  step: number;
  lo: number;
  hi: number;
  centreVar: number;
  priorStep: number;
}

/** Each checkpoint segment's growth: the creator's own median, shrunk towards the growth shape. */
function chainSegments(grids: readonly Float64Array[], growth: GrowthShape): ChainSegment[] {
  const share = typicalShape(growth);
  const out: ChainSegment[] = [];
  for (let i = 0; i + 1 < CHECKPOINT_AGES_HOURS.length; i++) {
    const from = CHECKPOINT_AGES_HOURS[i] as number;
    const to = CHECKPOINT_AGES_HOURS[i + 1] as number;
    const steps: number[] = [];
    for (const g of grids) {
      const x = g[i] as number;
      const y = g[i + 1] as number;
      if (!Number.isNaN(x) && !Number.isNaN(y)) steps.push(log1pCount(y) - log1pCount(x));
      if (steps.length >= SEGMENT_VIDEOS) break;
    }
    const prior = Math.log(share(to) / share(from));
    const n = steps.length;
    const sorted = sortedFinite(steps);
    const own = n > 0 ? quantileSorted(sorted, 0.5) : prior;
    const ownLo = n > 1 ? own - quantileSorted(sorted, 0.1) : 0;
    const ownHi = n > 1 ? quantileSorted(sorted, 0.9) - own : 0;
    const priorSpread = PRIOR_SPREAD.floor + PRIOR_SPREAD.perGrowth * prior;
    const wOwn = n / (n + SEGMENT_PRIOR_WEIGHT);
    const wPrior = 1 - wOwn;
    const lo = wOwn * ownLo + wPrior * priorSpread;
    const hi = wOwn * ownHi + wPrior * priorSpread;
    out.push({
      step: wOwn * own + wPrior * prior,
      lo,
      hi,
      // The median of n draws: σ ≈ 1.25 σ / √n, σ from the 80% half-width.
      centreVar: n > 0 ? (wOwn * 1.25 * ((lo + hi) / 2 / Z90)) ** 2 / n : 0,
      priorStep: wPrior * prior,
    });
  }
  return out;
}

/** Ridge solution of a 1- or 2-feature regression (normal equations with penalties on the diagonal). */
function ridge(a: number[][], b: number[]): number[] {
  if (b.length === 1) {
    const d = (a[0] as number[])[0] as number;
    return [Math.abs(d) > 1e-12 ? (b[0] as number) / d : 0];
  }
  const [[a11, a12], [a21, a22]] = a as [[number, number], [number, number]];
  const det = a11 * a22 - a12 * a21;
  if (Math.abs(det) < 1e-12) return [0, 0];
  return [
    (a22 * (b[0] as number) - a12 * (b[1] as number)) / det,
    (a11 * (b[1] as number) - a21 * (b[0] as number)) / det,
  ];
}

interface Point {
  x: number;
  y: number;
  e: number | undefined;
}

/** Each value minus the median of the others (O(n log n): the others' median is one of three order statistics). */
export function leaveOneOutResiduals(values: readonly number[]): number[] {
  const n = values.length;
  if (n < 2) return values.map((v) => v - median(values));
  const sorted = sortedFinite(values);
  const rank = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!rank.has(v)) rank.set(v, i);
  });
  // The i-th smallest of the others, when the removed value sat at sorted index r.
  const other = (i: number, r: number) => sorted[i < r ? i : i + 1] as number;
  return values.map((v) => {
    const r = rank.get(v) ?? 0;
    const m = n - 1;
    const mid = m % 2 === 1 ? other((m - 1) / 2, r) : (other(m / 2 - 1, r) + other(m / 2, r)) / 2;
    return v - mid;
  });
}

/** The fit for one target at one checkpoint age. */
function fitCell(
  ageHours: number,
  paceFrom: number,
  targetAgeHours: number,
  chain: { centre: number; lo: number; hi: number; centreVar: number; priorShare: number; previousStep: number },
  points: readonly Point[],
  usePace: boolean,
): LogRatioFit {
  const centreError = Z90 * Math.sqrt(chain.centreVar + (PRIOR_CENTRE_SIGMA * chain.priorShare) ** 2);
  const chainLo = Math.hypot(CHAIN_SPREAD_SHARE * chain.lo, centreError);
  const chainHi = Math.hypot(CHAIN_SPREAD_SHARE * chain.hi, centreError);
  const n = points.length;
  const base = { ageHours, paceFrom: round(paceFrom, 4), growthSlope: 0, meanGrowth: 0 };
  if (n === 0) {
    // No video of theirs has reached the target yet: the chain, tilted by the video's own pace
    // against the pace a typical video of theirs has at this age (the growth of the segment just
    // before it), half-way to proportional.
    const typicalPace =
      usePace && ageHours >= PACE_PRIOR_MIN_AGE
        ? Math.log1p(((1 - Math.exp(-chain.previousStep)) * (targetAgeHours - ageHours)) / ((1 - paceFrom) * ageHours))
        : 0;
    const paceSlope = typicalPace > 0.05 ? PRIOR_PACE_SHARE * Math.max(0, chain.centre / typicalPace) : 0;
    return {
      ...base,
      meanLogRatio: round(chain.centre, 4),
      levelSlope: 0,
      meanLevel: 0,
      paceSlope: round(clamp(paceSlope, PACE_RANGE[0], PACE_RANGE[1]), 4),
      meanPace: round(typicalPace, 4),
      q10: round(-chainLo, 4),
      q90: round(chainHi, 4),
      n: 0,
    };
  }
  // Slopes on the videos with every feature, ridge towards the prior slopes (0 for the level; for
  // the pace, proportional: the chain's growth spread over the pace feature's mean).
  const complete = usePace ? points.filter((p) => p.e !== undefined) : points;
  const m = complete.length;
  let levelSlope = 0;
  let paceSlope = 0;
  let meanLevel = 0;
  let meanPace = 0;
  if (m > 0) {
    for (const p of complete) {
      meanLevel += p.x / m;
      meanPace += (p.e ?? 0) / m;
    }
    // Centred features (level, and pace when used) and the targets, as flat arrays.
    const k = usePace ? 2 : 1;
    const f0 = new Float64Array(m);
    const f1 = new Float64Array(m);
    const ys = new Float64Array(m);
    complete.forEach((p, i) => {
      f0[i] = p.x - meanLevel;
      f1[i] = usePace ? (p.e ?? 0) - meanPace : 0;
      ys[i] = p.y;
    });
    const penalties = [LEVEL_PENALTY, PACE_PENALTY];
    const priors = [
      0,
      usePace && ageHours >= PACE_PRIOR_MIN_AGE ? Math.max(0, chain.centre / Math.max(0.05, meanPace)) : 0,
    ];
    // Huber regression by reweighting (robust: one video's second wave must not tilt every slope).
    const weights = new Float64Array(m).fill(1);
    const residuals = new Float64Array(m);
    const scratch = new Float64Array(m);
    let solution = [0, 0];
    for (let iteration = 0; iteration < ROBUST_ITERATIONS; iteration++) {
      let total = 0;
      for (let i = 0; i < m; i++) total += weights[i] as number;
      const m0 = weightedMean(weights, f0);
      const m1 = weightedMean(weights, f1);
      const my = weightedMean(weights, ys);
      let s00 = 0;
      let s01 = 0;
      let s11 = 0;
      let s0y = 0;
      let s1y = 0;
      for (let i = 0; i < m; i++) {
        const w = weights[i] as number;
        const a = (f0[i] as number) - m0;
        const b = (f1[i] as number) - m1;
        const y = (ys[i] as number) - my;
        s00 += w * a * a;
        s01 += w * a * b;
        s11 += w * b * b;
        s0y += w * a * y;
        s1y += w * b * y;
      }
      const up = m / total;
      solution =
        k === 1
          ? [...ridge([[s00 * up + LEVEL_PENALTY]], [s0y * up]), 0]
          : ridge(
              [
                [s00 * up + (penalties[0] as number), s01 * up],
                [s01 * up, s11 * up + (penalties[1] as number)],
              ],
              [
                s0y * up + (penalties[0] as number) * (priors[0] as number),
                s1y * up + (penalties[1] as number) * (priors[1] as number),
              ],
            );
      const [g0, g1] = solution as [number, number];
      const intercept = my - g0 * m0 - g1 * m1;
      for (let i = 0; i < m; i++)
        residuals[i] = (ys[i] as number) - intercept - g0 * (f0[i] as number) - g1 * (f1[i] as number);
      for (let i = 0; i < m; i++) scratch[i] = residuals[i] as number;
      const centre = quantileSorted(scratch.sort(), 0.5);
      for (let i = 0; i < m; i++) scratch[i] = Math.abs((residuals[i] as number) - centre);
      const scale = Math.max(0.01, MAD_TO_SIGMA * quantileSorted(scratch.sort(), 0.5));
      for (let i = 0; i < m; i++)
        weights[i] = Math.min(1, (HUBER_K * scale) / Math.max(1e-9, Math.abs(residuals[i] as number)));
    }
    levelSlope = clamp(solution[0] as number, LEVEL_RANGE[0], LEVEL_RANGE[1]);
    if (usePace) paceSlope = clamp(solution[1] as number, PACE_RANGE[0], PACE_RANGE[1]);
  }
  const adjusted = points.map(
    (p) => p.y - levelSlope * (p.x - meanLevel) - (p.e !== undefined ? paceSlope * (p.e - meanPace) : 0),
  );
  // Median centre: a spike in one video's history must not shift every forecast.
  const centre = median(adjusted);
  // Leave-one-out residuals: each video against a centre fitted without it, so the range reflects
  // forecasting a new video (in-sample residuals are too narrow for a handful of videos).
  const residuals = leaveOneOutResiduals(adjusted);
  const w = DIRECT_PRIOR_WEIGHT / (n + DIRECT_PRIOR_WEIGHT);
  // The centres' disagreement, in what is left of the chain's weight, is one more error.
  const disagreement = Z90 * Math.abs(centre - chain.centre) * w;
  const low = Math.max(0, -predictiveQuantile(residuals, 0.1));
  const high = Math.max(0, predictiveQuantile(residuals, 0.9));
  // The own videos' quantile, t-widened for a handful of them (one video says nothing about the
  // spread), pooled with the chain's spread, which rests on the segments' own videos.
  const inflation = tInflation(n);
  const spreadN = n >= 2 ? n : 0;
  const pool = (own: number, prior: number) =>
    Math.sqrt(
      (spreadN * (inflation * own) ** 2 + SPREAD_PRIOR_WEIGHT * prior * prior) / (spreadN + SPREAD_PRIOR_WEIGHT),
    );
  return {
    ...base,
    meanLogRatio: round((1 - w) * centre + w * chain.centre, 4),
    levelSlope: round(levelSlope, 4),
    meanLevel: round(meanLevel, 4),
    paceSlope: round(paceSlope, 4),
    meanPace: round(meanPace, 4),
    q10: round(-Math.hypot(pool(low, chainLo), disagreement), 4),
    q90: round(Math.hypot(pool(high, chainHi), disagreement), 4),
    n,
  };
}

/** Fits the chain and the direct regression at every checkpoint age below each target. */
export function fitForecastModel(
  videos: readonly CheckpointedVideo[],
  growth: GrowthShape = GENERIC_SHAPE,
): ForecastModel {
  const ordered = newestFirst(videos);
  const grids = ordered.map(grid);
  const segments = chainSegments(grids, growth);
  const index = (age: number) => AGE_INDEX.get(age) as number;
  return {
    version: FORECAST_MODEL_VERSION,
    targets: FORECAST_TARGETS_HOURS.map((targetAgeHours) => {
      const t = index(targetAgeHours);
      const eligible = grids.filter((g) => !Number.isNaN(g[t] as number)).slice(0, FIT_VIDEOS);
      const fits: LogRatioFit[] = [];
      for (let k = 0; (CHECKPOINT_AGES_HOURS[k] as number) < targetAgeHours; k++) {
        const ageHours = CHECKPOINT_AGES_HOURS[k] as number;
        const previous = k > 0 ? (CHECKPOINT_AGES_HOURS[k - 1] as number) : 0;
        const paceFrom = previous / ageHours;
        const chain = {
          centre: 0,
          lo: 0,
          hi: 0,
          centreVar: 0,
          priorShare: 0,
          previousStep: k > 0 ? (segments[k - 1] as ChainSegment).step : 0,
        };
        for (let i = index(ageHours); i < index(targetAgeHours); i++) {
          const s = segments[i] as ChainSegment;
          chain.centre += s.step;
          chain.lo += s.lo;
          chain.hi += s.hi;
          chain.centreVar += s.centreVar;
          chain.priorShare += s.priorStep;
        }
        const usePace = previous > 0 && ageHours >= PACE_MIN_AGE;
        const points: Point[] = [];
        for (const g of eligible) {
          const now = g[k] as number;
          const target = g[t] as number;
          if (Number.isNaN(now)) continue;
          const before = usePace && !Number.isNaN(g[k - 1] as number) ? (g[k - 1] as number) : undefined;
          points.push({
            x: log1pCount(now),
            y: log1pCount(target) - log1pCount(now),
            e: before === undefined ? undefined : paceFeature(now, before, paceFrom, ageHours, targetAgeHours),
          });
        }
        fits.push(fitCell(ageHours, paceFrom, targetAgeHours, chain, points, usePace));
      }
      return { targetAgeHours, fits };
    }),
  };
}

/** The prior alone (no video of the creator's): the generic or the creator's growth shape. */
export function priorFit(ageHours: number, targetAgeHours: number, growth: GrowthShape = GENERIC_SHAPE): LogRatioFit {
  const fits = fitForecastModel([], growth).targets.find((t) => t.targetAgeHours === targetAgeHours)?.fits ?? [];
  return fits.find((f) => f.ageHours === ageHours) ?? (fits[0] as LogRatioFit);
}

/** Views at any age from checkpoints (linear between them, 0 at posting); undefined past the last. */
export function viewsAtAge(checkpoints: readonly Checkpoint[], ageHours: number): number | undefined {
  let prev = { ageHours: 0, views: 0 };
  for (const c of checkpoints) {
    if (c.ageHours === ageHours) return c.views;
    if (c.ageHours > ageHours)
      return prev.views + ((c.views - prev.views) * (ageHours - prev.ageHours)) / (c.ageHours - prev.ageHours);
    prev = c;
  }
  return undefined;
}

/** The fitted log ratio and range of one cell for a video at `ageHours` with `views`. */
function predictWith(
  fit: LogRatioFit,
  targetAgeHours: number,
  ageHours: number,
  views: number,
  viewsAtAgeOf: ((ageHours: number) => number | undefined) | undefined,
): { centre: number; q10: number; q90: number } {
  const paceSlope = fit.paceSlope ?? 0;
  const paceFrom = fit.paceFrom ?? 0;
  const before = paceSlope !== 0 && paceFrom > 0 ? viewsAtAgeOf?.(paceFrom * ageHours) : undefined;
  const pace =
    before === undefined ? 0 : paceFeature(views, before, paceFrom, ageHours, targetAgeHours) - (fit.meanPace ?? 0);
  const level = (fit.levelSlope ?? 0) * (log1pCount(views) - (fit.meanLevel ?? 0));
  return { centre: fit.meanLogRatio + level + paceSlope * pace, q10: fit.q10, q90: fit.q90 };
}

/**
 * The log ratio and range for a video at any age: the cells either side, each with its own
 * features, mixed in log(age); past the last cell the ratio shrinks to 0 at the target.
 */
export function predictLogRatio(
  model: ForecastModel,
  targetAgeHours: number,
  ageHours: number,
  views: number,
  viewsAtAgeOf?: (ageHours: number) => number | undefined,
): { centre: number; q10: number; q90: number; n: number } {
  const fits = model.targets.find((t) => t.targetAgeHours === targetAgeHours)?.fits ?? [];
  const first = fits[0];
  const last = fits[fits.length - 1];
  if (first === undefined || last === undefined) {
    const prior = fitForecastModel([]);
    return predictLogRatio(prior, targetAgeHours, ageHours, views, viewsAtAgeOf);
  }
  const age = Math.max(ageHours, 1e-3);
  if (age <= first.ageHours) return { ...predictWith(first, targetAgeHours, age, views, viewsAtAgeOf), n: first.n };
  if (age >= last.ageHours) {
    const p = predictWith(last, targetAgeHours, age, views, viewsAtAgeOf);
    const f = clamp(Math.log(targetAgeHours / age) / Math.log(targetAgeHours / last.ageHours), 0, 1);
    return { centre: p.centre * f, q10: p.q10 * f, q90: p.q90 * f, n: last.n };
  }
  let i = 1;
  while (i < fits.length - 1 && (fits[i] as LogRatioFit).ageHours < age) i++;
  const a = fits[i - 1] as LogRatioFit;
  const b = fits[i] as LogRatioFit;
  const f = Math.log(age / a.ageHours) / Math.log(b.ageHours / a.ageHours);
  const pa = predictWith(a, targetAgeHours, age, views, viewsAtAgeOf);
  const pb = predictWith(b, targetAgeHours, age, views, viewsAtAgeOf);
  const mix = (x: number, y: number) => x + (y - x) * f;
  return {
    centre: mix(pa.centre, pb.centre),
    q10: mix(pa.q10, pb.q10),
    q90: mix(pa.q90, pb.q90),
    n: Math.min(a.n, b.n),
  };
}

/** The fitted cell at a checkpoint age (for tests and explanations). */
export function fitAt(model: ForecastModel, targetAgeHours: number, ageHours: number): LogRatioFit | undefined {
  return model.targets.find((t) => t.targetAgeHours === targetAgeHours)?.fits.find((f) => f.ageHours === ageHours);
}

/** Multipliers of the range's two sides (adaptive calibration; 1 = as fitted). */
export interface RangeScale {
  low: number;
  high: number;
}

/**
 * Forecast of views at `targetAgeHours` for a video now `ageHours` old with `views` views;
 * `viewsAtAgeOf` gives its views at an earlier age (for its recent pace; omit it to ignore the
 * pace). Never below the views already there.
 */
export function forecastVideo(
  model: ForecastModel,
  targetAgeHours: number,
  ageHours: number,
  views: number,
  viewsAtAgeOf?: (ageHours: number) => number | undefined,
  scale: RangeScale = { low: 1, high: 1 },
): ViewForecast {
  const p = predictLogRatio(model, targetAgeHours, ageHours, views, viewsAtAgeOf);
  const fromViews = Math.max(0, Math.round(views));
  const centre = log1pCount(views) + p.centre;
  const at = (offset: number) => Math.max(fromViews, Math.round(expm1Count(centre + offset)));
  return {
    targetAgeHours,
    observed: false,
    p10: at(p.q10 * scale.low),
    p50: at(0),
    p90: at(p.q90 * scale.high),
    fromAgeHours: round(ageHours, 2),
    fromViews,
    fittedOn: p.n,
  };
}

/** The "forecast" once the target age is reached: the observed views. */
export function observedForecast(targetAgeHours: number, views: number): ViewForecast {
  const v = Math.max(0, Math.round(views));
  return {
    targetAgeHours,
    observed: true,
    p10: v,
    p50: v,
    p90: v,
    fromAgeHours: targetAgeHours,
    fromViews: v,
    fittedOn: 0,
  };
}
