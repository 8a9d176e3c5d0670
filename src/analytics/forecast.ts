/**
 * View forecasts from early velocity (Szabo & Huberman 2008): the log of a video's views at a
 * target age is its log views now plus a creator-specific log ratio for the current age, with
 * noise. Fitted per creator on their own checkpoints, shrunk towards a prior while history is
 * short; the residual quantiles of the fit give the P10/P90 range.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { clamp, expm1Count, log1pCount, median, quantile, round } from "./numbers";
import type { CheckpointedVideo } from "./typical";
import { newestFirst } from "./typical";
import type { ForecastModel, LogRatioFit, ViewForecast } from "./types";

export const FORECAST_TARGETS_HOURS: readonly number[] = [24, 168];
/** Videos the fit uses: the newest that reached the target (the creator's audience changes). */
const FIT_VIDEOS = 40;
/** The prior counts as this many videos. */
const PRIOR_WEIGHT = 4;

/**
 * The prior: a generic log-logistic view curve (half of the eventual views by 12 h, shape 1.3)
 * and a wide range that narrows as the forecast age nears the target. It is an assumption about
 * short-video curves, not a fit to any one data set; a creator's own videos replace it quickly.
 */
export const PRIOR_CURVE = { halfLifeHours: 12, shape: 1.3 } as const;

export function priorFit(ageHours: number, targetAgeHours: number): LogRatioFit {
  const share = (a: number) => 1 / (1 + Math.pow(PRIOR_CURVE.halfLifeHours / a, PRIOR_CURVE.shape));
  const spread = 0.25 + 0.3 * Math.log(targetAgeHours / ageHours);
  return { ageHours, meanLogRatio: round(Math.log(share(targetAgeHours) / share(ageHours)), 4), q10: round(-spread, 4), q90: round(spread, 4), n: 0 };
}

function logRatio(v: CheckpointedVideo, ageHours: number, targetAgeHours: number): number | undefined {
  const a = v.checkpoints.find((c) => c.ageHours === ageHours);
  const b = v.checkpoints.find((c) => c.ageHours === targetAgeHours);
  return a && b ? log1pCount(b.views) - log1pCount(a.views) : undefined;
}

/** Fits the log ratios at every checkpoint age below each target. */
export function fitForecastModel(videos: readonly CheckpointedVideo[]): ForecastModel {
  const ordered = newestFirst(videos);
  return {
    targets: FORECAST_TARGETS_HOURS.map((targetAgeHours) => {
      const eligible = ordered.filter((v) => v.checkpoints.some((c) => c.ageHours === targetAgeHours)).slice(0, FIT_VIDEOS);
      const fits = CHECKPOINT_AGES_HOURS.filter((a) => a < targetAgeHours).map((ageHours) => {
        const ys = eligible.map((v) => logRatio(v, ageHours, targetAgeHours)).filter((y): y is number => y !== undefined);
        const prior = priorFit(ageHours, targetAgeHours);
        if (ys.length === 0) return prior;
        // Median centre: a spike in one video's history must not shift every forecast.
        const centre = median(ys);
        const residuals = ys.map((y) => y - centre);
        const w = ys.length / (ys.length + PRIOR_WEIGHT);
        const blend = (own: number, fallback: number) => round(w * own + (1 - w) * fallback, 4);
        return {
          ageHours,
          meanLogRatio: blend(centre, prior.meanLogRatio),
          q10: Math.min(0, blend(quantile(residuals, 0.1), prior.q10)),
          q90: Math.max(0, blend(quantile(residuals, 0.9), prior.q90)),
          n: ys.length,
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
  if (first === undefined || last === undefined) return priorFit(clamp(ageHours, CHECKPOINT_AGES_HOURS[0] as number, targetAgeHours), targetAgeHours);
  if (ageHours <= first.ageHours) return first;
  if (ageHours >= last.ageHours) {
    // Between the last checkpoint and the target the ratio shrinks to 0 (log-linearly in age).
    const f = clamp(Math.log(targetAgeHours / ageHours) / Math.log(targetAgeHours / last.ageHours), 0, 1);
    return { ageHours, meanLogRatio: last.meanLogRatio * f, q10: last.q10 * f, q90: last.q90 * f, n: last.n };
  }
  let i = 1;
  while (i < fits.length - 1 && (fits[i] as LogRatioFit).ageHours < ageHours) i++;
  const a = fits[i - 1] as LogRatioFit;
  const b = fits[i] as LogRatioFit;
  const f = Math.log(ageHours / a.ageHours) / Math.log(b.ageHours / a.ageHours);
  const mix = (x: number, y: number) => x + (y - x) * f;
  return { ageHours, meanLogRatio: mix(a.meanLogRatio, b.meanLogRatio), q10: mix(a.q10, b.q10), q90: mix(a.q90, b.q90), n: Math.min(a.n, b.n) };
}

/**
 * Forecast of views at `targetAgeHours` for a video now `ageHours` old with `views` views.
 * Never below the views already there; the observed value once the target age is reached.
 */
export function forecastVideo(model: ForecastModel, targetAgeHours: number, ageHours: number, views: number, observedAtTarget?: number): ViewForecast {
  const base = { targetAgeHours, fromAgeHours: round(ageHours, 2), fromViews: Math.max(0, Math.round(views)) };
  if (observedAtTarget !== undefined) {
    const v = Math.max(0, Math.round(observedAtTarget));
    return { ...base, observed: true, p10: v, p50: v, p90: v, fittedOn: 0 };
  }
  const fit = fitAt(model, targetAgeHours, Math.max(ageHours, 1e-3));
  const at = (offset: number) => Math.max(base.fromViews, Math.round(expm1Count(log1pCount(views) + fit.meanLogRatio + offset)));
  return { ...base, observed: false, p10: at(fit.q10), p50: at(0), p90: at(fit.q90), fittedOn: fit.n };
}
