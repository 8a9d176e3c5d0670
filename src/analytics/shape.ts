/**
 * The typical video's growth shape G(age): cumulative views of the creator's typical video on an
 * arbitrary scale. Anomaly detection scales it to one video's own level and asks how many views
 * a window *should* have brought at that age. It comes from the forecast fit (−ln ratio to the
 * target is ln G up to a constant), so it is per-creator once there is history and the prior
 * before.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { fitAt } from "./forecast";
import type { ForecastModel } from "./types";

/** Beyond a week, velocity decays as age^−TAIL_EXPONENT (a log-logistic tail, shape ≈ 1). */
const TAIL_EXPONENT = 2;
const WEEK_HOURS = 168;
const DAY_HOURS = 24;

export type Shape = (ageHours: number) => number;

export function typicalShape(model: ForecastModel): Shape {
  const first = CHECKPOINT_AGES_HOURS[0] as number;
  // ln G at each checkpoint age, G(week) = 1: early ages from the 24 h fit (fresher data), later ones from the week fit.
  const lnAtDay = -fitAt(model, WEEK_HOURS, DAY_HOURS).meanLogRatio;
  const ages = CHECKPOINT_AGES_HOURS.filter((a) => a <= WEEK_HOURS);
  const lnG: number[] = [];
  for (const a of ages) {
    const ln = a >= WEEK_HOURS ? 0 : a >= DAY_HOURS ? -fitAt(model, WEEK_HOURS, a).meanLogRatio : lnAtDay - fitAt(model, DAY_HOURS, a).meanLogRatio;
    // Cumulative views cannot fall with age, whatever the noise in the fits.
    lnG.push(Math.max(ln, lnG[lnG.length - 1] ?? -Infinity));
  }
  const n = ages.length;
  const slopeAt = (i: number) => Math.max(0.05, ((lnG[i + 1] as number) - (lnG[i] as number)) / Math.log((ages[i + 1] as number) / (ages[i] as number)));
  const startSlope = slopeAt(0);
  // Log-log slope over the last segment gives the velocity at a week: G'(a) = slope · G(a) / a.
  const weekVelocity = slopeAt(n - 2) / WEEK_HOURS;

  return (ageHours: number) => {
    if (!(ageHours > 0)) return 0;
    if (ageHours <= first) return Math.exp((lnG[0] as number) + startSlope * Math.log(ageHours / first));
    if (ageHours >= WEEK_HOURS) {
      return 1 + ((weekVelocity * WEEK_HOURS) / (TAIL_EXPONENT - 1)) * (1 - Math.pow(ageHours / WEEK_HOURS, 1 - TAIL_EXPONENT));
    }
    let i = 1;
    while (i < n - 1 && (ages[i] as number) < ageHours) i++;
    const a = ages[i - 1] as number;
    const b = ages[i] as number;
    const f = Math.log(ageHours / a) / Math.log(b / a);
    return Math.exp((lnG[i - 1] as number) + ((lnG[i] as number) - (lnG[i - 1] as number)) * f);
  };
}

/** Shape increment between two ages (≥ 0). */
export function shapeIncrement(shape: Shape, fromAgeHours: number, toAgeHours: number): number {
  return Math.max(0, shape(toAgeHours) - shape(fromAgeHours));
}
