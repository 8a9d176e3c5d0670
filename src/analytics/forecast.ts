/**
 * View forecasts from early velocity. Szabo & Huberman (2008): the log of a video's views at a
 * target age is its log views now plus a log ratio that depends on the current age, with noise.
 * One refinement in the spirit of Pinto et al. (2013): the ratio also depends on how fast the
 * video is still growing (its growth over the last doubling of its age), since a video still
 * climbing has more ahead of it than one that has levelled off.
 *
 *   ln(N_target + 1) = ln(N_a + 1) + μ_a + β_a · (g − ḡ_a) + ε,   g = ln((N_a + 1)/(N_{a/2} + 1)) / ln 2
 *
 * Fitted per creator at each checkpoint age on their own videos, shrunk towards a prior while
 * history is short (μ towards a generic curve, β towards 0 by ridge); the residual quantiles of
 * the fit give the P10/P90 range.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { clamp, expm1Count, log1pCount, mean, median, predictiveQuantile, round } from "./numbers";
import type { CheckpointedVideo } from "./typical";
import { newestFirst } from "./typical";
import { GENERIC_SHAPE, typicalShape } from "./shape";
import type { Checkpoint, ForecastModel, GrowthShape, LogRatioFit, ViewForecast } from "./types";

export const FORECAST_TARGETS_HOURS: readonly number[] = [24, 168];
/** Videos the fit uses: the newest that reached the target (the creator's audience changes). */
const FIT_VIDEOS = 40;
/** The prior counts as this many videos for the centre, and fewer for the spread (which the data pins down faster). */
const PRIOR_WEIGHT = 4;
const PRIOR_WEIGHT_SPREAD = 2;

/**
 * The prior: the creator's growth shape (see shape.ts: fitted on partial curves of young videos,
 * so it knows a creator's half-life days before any video is a week old, and is a generic curve
 * before that). Uncertainty grows with the growth still ahead: videos differ around their
 * creator's curve (the spread), and the curve itself may be off (the centre error, shrinking as
 * the shape's videos accumulate). Assumptions about short-video curves, not fits to any data set.
 */
/** 80% half-width of one video around its creator's curve, per unit of log growth ahead (plus a floor). */
const PRIOR_SPREAD = { floor: 0.05, perGrowth: 0.2 } as const;
/** σ of a creator's log ratio around a generic curve, per unit of log growth ahead. */
const PRIOR_CENTRE_SIGMA = 0.45;
/** z of the 90th percentile: 80% half-width = 1.28 σ. */
const Z90 = 1.2816;

/** σ of the prior centre, per unit of log growth ahead, given how many videos shaped the curve. */
function centreSigma(growth: GrowthShape): number {
  return PRIOR_CENTRE_SIGMA * Math.sqrt(PRIOR_WEIGHT / (PRIOR_WEIGHT + growth.videos));
}

export function priorFit(ageHours: number, targetAgeHours: number, growth: GrowthShape = GENERIC_SHAPE): LogRatioFit {
  const share = typicalShape(growth);
  const ahead = Math.log(share(targetAgeHours) / share(ageHours));
  const half = Math.hypot(PRIOR_SPREAD.floor + PRIOR_SPREAD.perGrowth * ahead, Z90 * centreSigma(growth) * ahead);
  const g = Math.log(share(ageHours) / share(ageHours / 2)) / Math.LN2;
  return {
    ageHours,
    meanLogRatio: round(ahead, 4),
    growthSlope: 0,
    meanGrowth: round(g, 4),
    q10: round(-half, 4),
    q90: round(half, 4),
    n: 0,
  };
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

/** Growth over the last doubling of age, in log2 units: ~1 while views double as age doubles, → 0 once flat. */
export function recentGrowth(viewsNow: number, viewsAtHalfAge: number): number {
  return (log1pCount(viewsNow) - log1pCount(viewsAtHalfAge)) / Math.LN2;
}

/** Fits μ, β and the residual quantiles at every checkpoint age below each target. */
export function fitForecastModel(
  videos: readonly CheckpointedVideo[],
  growth: GrowthShape = GENERIC_SHAPE,
): ForecastModel {
  const ordered = newestFirst(videos);
  return {
    targets: FORECAST_TARGETS_HOURS.map((targetAgeHours) => {
      const eligible = ordered
        .filter((v) => v.checkpoints.some((c) => c.ageHours === targetAgeHours))
        .slice(0, FIT_VIDEOS);
      const fits = CHECKPOINT_AGES_HOURS.filter((a) => a < targetAgeHours).map((ageHours) => {
        const prior = priorFit(ageHours, targetAgeHours, growth);
        const points = eligible.flatMap((v) => {
          const now = v.checkpoints.find((c) => c.ageHours === ageHours)?.views;
          const half = viewsAtAge(v.checkpoints, ageHours / 2);
          const target = v.checkpoints.find((c) => c.ageHours === targetAgeHours)?.views;
          return now === undefined || half === undefined || target === undefined
            ? []
            : [{ g: recentGrowth(now, half), y: log1pCount(target) - log1pCount(now) }];
        });
        const n = points.length;
        if (n === 0) return prior;
        const gs = points.map((p) => p.g);
        const gMean = mean(gs);
        const yMean = mean(points.map((p) => p.y));
        const sxx = gs.reduce((s, g) => s + (g - gMean) ** 2, 0);
        const sxy = points.reduce((s, p) => s + (p.g - gMean) * (p.y - yMean), 0);
        // Ridge towards no slope: with few videos β stays near 0 and the forecast is plain Szabo–Huberman.
        const beta = clamp(sxy / (sxx + PRIOR_WEIGHT * 0.05), -3, 3);
        const meanGrowth = median(gs);
        // Median centre: a spike in one video's history must not shift every forecast.
        const adjusted = points.map((p) => p.y - beta * (p.g - meanGrowth));
        const centre = median(adjusted);
        // Leave-one-out residuals: each video against a centre fitted without it, so the range
        // reflects forecasting a new video (in-sample residuals are too narrow for a handful of videos).
        const residuals = adjusted.map((z, i) => z - (n > 1 ? median(adjusted.filter((_, j) => j !== i)) : centre));
        const blend = (own: number, fallback: number, weight: number) => (n * own + weight * fallback) / (n + weight);
        // The range: the videos' own spread around the centre, widened by what is left of the
        // prior centre's error (it weighs PRIOR_WEIGHT / (n + PRIOR_WEIGHT) in the centre).
        const ahead = prior.meanLogRatio;
        const priorSpread = PRIOR_SPREAD.floor + PRIOR_SPREAD.perGrowth * ahead;
        const centreError = Z90 * centreSigma(growth) * ahead * (PRIOR_WEIGHT / (n + PRIOR_WEIGHT));
        const low = blend(Math.min(0, predictiveQuantile(residuals, 0.1)), -priorSpread, PRIOR_WEIGHT_SPREAD);
        const high = blend(Math.max(0, predictiveQuantile(residuals, 0.9)), priorSpread, PRIOR_WEIGHT_SPREAD);
        return {
          ageHours,
          meanLogRatio: round(blend(centre, prior.meanLogRatio, PRIOR_WEIGHT), 4),
          growthSlope: round(beta, 4),
          meanGrowth: round(meanGrowth, 4),
          q10: round(-Math.hypot(low, centreError), 4),
          q90: round(Math.hypot(high, centreError), 4),
          n,
        };
      });
      return { targetAgeHours, fits };
    }),
  };
}

/** The fit at any age, interpolated in log(age) between the fitted checkpoint ages. */
export function fitAt(model: ForecastModel, targetAgeHours: number, ageHours: number): LogRatioFit {
  const fits = model.targets.find((t) => t.targetAgeHours === targetAgeHours)?.fits ?? [];
  const first = fits[0];
  const last = fits[fits.length - 1];
  if (first === undefined || last === undefined)
    return priorFit(clamp(ageHours, CHECKPOINT_AGES_HOURS[0] as number, targetAgeHours), targetAgeHours);
  if (ageHours <= first.ageHours) return first;
  if (ageHours >= last.ageHours) {
    // Between the last checkpoint and the target the ratio shrinks to 0 (log-linearly in age).
    const f = clamp(Math.log(targetAgeHours / ageHours) / Math.log(targetAgeHours / last.ageHours), 0, 1);
    return {
      ...last,
      ageHours,
      meanLogRatio: last.meanLogRatio * f,
      growthSlope: last.growthSlope * f,
      q10: last.q10 * f,
      q90: last.q90 * f,
    };
  }
  let i = 1;
  while (i < fits.length - 1 && (fits[i] as LogRatioFit).ageHours < ageHours) i++;
  const a = fits[i - 1] as LogRatioFit;
  const b = fits[i] as LogRatioFit;
  const f = Math.log(ageHours / a.ageHours) / Math.log(b.ageHours / a.ageHours);
  const mix = (x: number, y: number) => x + (y - x) * f;
  return {
    ageHours,
    meanLogRatio: mix(a.meanLogRatio, b.meanLogRatio),
    growthSlope: mix(a.growthSlope, b.growthSlope),
    meanGrowth: mix(a.meanGrowth, b.meanGrowth),
    q10: mix(a.q10, b.q10),
    q90: mix(a.q90, b.q90),
    n: Math.min(a.n, b.n),
  };
}

/**
 * Forecast of views at `targetAgeHours` for a video now `ageHours` old with `views` views and
 * `viewsAtHalfAge` views at half its age (omit it to ignore recent growth). Never below the
 * views already there.
 */
export function forecastVideo(
  model: ForecastModel,
  targetAgeHours: number,
  ageHours: number,
  views: number,
  viewsAtHalfAge?: number,
): ViewForecast {
  const fit = fitAt(model, targetAgeHours, Math.max(ageHours, 1e-3));
  const fromViews = Math.max(0, Math.round(views));
  const tilt =
    viewsAtHalfAge === undefined ? 0 : fit.growthSlope * (recentGrowth(views, viewsAtHalfAge) - fit.meanGrowth);
  const at = (offset: number) =>
    Math.max(fromViews, Math.round(expm1Count(log1pCount(views) + fit.meanLogRatio + tilt + offset)));
  return {
    targetAgeHours,
    observed: false,
    p10: at(fit.q10),
    p50: at(0),
    p90: at(fit.q90),
    fromAgeHours: round(ageHours, 2),
    fromViews,
    fittedOn: fit.n,
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
