/**
 * Adaptive calibration of the forecast ranges, per target and age (adaptive conformal inference,
 * Gibbs & Candès 2021). The fitted P10–P90 (forecast.ts) is split-conformal on the creator's
 * own videos, which holds when their next video is like their last ones; when it is not (a
 * creator whose videos got more erratic, or a world unlike the prior's assumptions), each side of
 * the range is scaled by exp(s), and s follows the creator's own record:
 *
 *   s ← s + γ · (miss − 0.1)   for each matured video, miss = 1 when it ended outside that side,
 *
 * so in the long run each side misses 10% of the time whatever the data. A video is judged when
 * its target checkpoint arrives, against the model of the previous run (fitted without it: an
 * honest out-of-sample forecast), at each checkpoint age it has below the target. The state is
 * two numbers per target and age, kept in the account summary.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { FORECAST_TARGETS_HOURS, forecastVideo, viewsAtAge } from "./forecast";
import type { RangeScale } from "./forecast";
import { clamp, round } from "./numbers";
import type { Checkpoint, ForecastCalibration, ForecastModel } from "./types";

/** Step size of the log scale per judged forecast, and its range (× 0.37 … × 4.5). */
const STEP = 0.3;
const RANGE = [-1, 1.5] as const;
const MISS_RATE = 0.1;

export const CALIBRATION_VERSION = 1;

/** No record yet: every side as fitted. */
export function emptyCalibration(): ForecastCalibration {
  return {
    version: CALIBRATION_VERSION,
    targets: FORECAST_TARGETS_HOURS.map((targetAgeHours) => ({
      targetAgeHours,
      cells: CHECKPOINT_AGES_HOURS.filter((a) => a < targetAgeHours).map((ageHours) => ({
        ageHours,
        low: 0,
        high: 0,
        judged: 0,
      })),
    })),
  };
}

/** The stored calibration, or an empty one when absent or of another version. */
export function currentCalibration(stored: ForecastCalibration | undefined): ForecastCalibration {
  return stored && stored.version === CALIBRATION_VERSION ? stored : emptyCalibration();
}

/** A video whose target checkpoint arrived in this run. */
export interface MaturedVideo {
  checkpoints: readonly Checkpoint[];
  targetAgeHours: number;
}

/**
 * The calibration after judging `matured` (ordered as given) against `model`, the model of the
 * previous run. Pure: a new object.
 */
export function updateCalibration(
  calibration: ForecastCalibration,
  model: ForecastModel,
  matured: readonly MaturedVideo[],
): ForecastCalibration {
  if (matured.length === 0) return calibration;
  const next: ForecastCalibration = {
    version: CALIBRATION_VERSION,
    targets: calibration.targets.map((t) => ({ ...t, cells: t.cells.map((c) => ({ ...c })) })),
  };
  for (const video of matured) {
    const target = next.targets.find((t) => t.targetAgeHours === video.targetAgeHours);
    const actual = video.checkpoints.find((c) => c.ageHours === video.targetAgeHours)?.views;
    if (!target || actual === undefined) continue;
    for (const cell of target.cells) {
      const views = video.checkpoints.find((c) => c.ageHours === cell.ageHours)?.views;
      if (views === undefined) continue;
      const f = forecastVideo(
        model,
        video.targetAgeHours,
        cell.ageHours,
        views,
        (h) => viewsAtAge(video.checkpoints, h),
        { low: Math.exp(cell.low), high: Math.exp(cell.high) },
      );
      cell.low = round(clamp(cell.low + STEP * ((actual < f.p10 ? 1 : 0) - MISS_RATE), RANGE[0], RANGE[1]), 4);
      cell.high = round(clamp(cell.high + STEP * ((actual > f.p90 ? 1 : 0) - MISS_RATE), RANGE[0], RANGE[1]), 4);
      cell.judged++;
    }
  }
  return next;
}

/** The range's scale for a forecast at any age: the cells either side, mixed in log(age). */
export function rangeScale(calibration: ForecastCalibration, targetAgeHours: number, ageHours: number): RangeScale {
  const cells = calibration.targets.find((t) => t.targetAgeHours === targetAgeHours)?.cells ?? [];
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (!first || !last) return { low: 1, high: 1 };
  const scale = (low: number, high: number) => ({ low: Math.exp(low), high: Math.exp(high) });
  if (ageHours <= first.ageHours) return scale(first.low, first.high);
  if (ageHours >= last.ageHours) return scale(last.low, last.high);
  let i = 1;
  while (i < cells.length - 1 && (cells[i] as { ageHours: number }).ageHours < ageHours) i++;
  const a = cells[i - 1] as (typeof cells)[number];
  const b = cells[i] as (typeof cells)[number];
  const f = Math.log(ageHours / a.ageHours) / Math.log(b.ageHours / a.ageHours);
  return scale(a.low + (b.low - a.low) * f, a.high + (b.high - a.high) * f);
}
