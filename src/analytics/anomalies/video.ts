/**
 * Spikes and drops in one video's views, age-matched: the views a window brought are compared
 * with what the creator's typical shape predicts for that age, scaled to this video's own level
 * over the preceding hours. A video that was big from the start is not an anomaly (its level
 * says so); a change of pace mid-life is. The same trend tells attribution how many views a
 * video "should" have had.
 */
import { clamp, median, round } from "../numbers";
import { lastAtOrBefore, riseBetween } from "../series";
import type { Shape } from "../shape";
import { shapeIncrement } from "../shape";
import { HOUR_MS, hoursBetween } from "../time";
import type { VideoSnapshot } from "../types";
import type { Thresholds } from "./score";
import { DEFAULT_THRESHOLDS, scoreWindow, severityOf } from "./score";
import type { AnomalyCandidate } from "./types";

/** The test window spans at least an hour: one 30-minute delta is too little evidence. */
export const MIN_WINDOW_MS = HOUR_MS;
/**
 * Reference: the preceding 24 h (or 4 test windows when polls are sparse, up to 2 days): a whole
 * day, so the audience's daily rhythm averages out of the tilt, and robust estimates (median
 * centre, Theil–Sen tilt), so a spike inside it does not raise the bar for what follows.
 */
const MIN_REFERENCE_MS = 24 * HOUR_MS;
const MAX_REFERENCE_MS = 48 * HOUR_MS;
/** At least two reference windows covering two hours before the video's level counts as known. */
const MIN_REFERENCE_WINDOWS = 2;
/** Before 3 h a video has no past of its own to deviate from (its pace vs others is the percentile's job). */
export const MIN_AGE_HOURS = 3;

/** Views gained over snapshots `from`…`to`; `fell` marks a dip. */
const span = (snapshots: readonly VideoSnapshot[], from: number, to: number) =>
  riseBetween(snapshots, (point) => point.views, from, to);

/** Index of the newest snapshot at least `ms` before snapshot `end`, or −1. */
function indexBefore(snapshots: readonly VideoSnapshot[], end: number, ms: number): number {
  return lastAtOrBefore(snapshots, (snapshots[end] as VideoSnapshot).t - ms);
}

/** The audience's rhythm: mean views factor over a time range (1 = an average hour). */
export type Seasonal = (fromMs: number, toMs: number) => number;

/**
 * A video's own trend: the typical shape scaled to its level and tilted to its own pace of decay
 * (a video with a longer life than the creator's typical one decays slower), fitted on its
 * de-seasonalised reference windows. `expected` gives views at an average hour for any later
 * age range; multiply by the seasonal factor for the actual hours.
 */
export interface Trend {
  expected: (fromAgeHours: number, toAgeHours: number) => number;
  /** Log residuals of the reference windows around the trend. */
  residuals: number[];
  referenceHours: number;
}

/** Theil–Sen slope: the median pairwise slope, robust to a spike in up to ~29% of the points. */
function theilSen(xs: readonly number[], ys: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (Math.abs(dx) > 1e-6) slopes.push(((ys[j] as number) - (ys[i] as number)) / dx);
    }
  }
  return slopes.length > 0 ? median(slopes) : 0;
}

/** A video's tilt against the typical shape stays within this (ln views per ln age). */
const MAX_TILT = 3;

/**
 * The trend from the windows ending at snapshot `endIndex`, going back `spanMs`, each window at
 * least `windowMs` long. Undefined when there is too little history.
 */
export function trendBefore(
  snapshots: readonly VideoSnapshot[],
  createdAtMs: number,
  shape: Shape,
  seasonal: Seasonal,
  endIndex: number,
  windowMs: number,
  spanMs: number,
): Trend | undefined {
  const endT = (snapshots[endIndex] as VideoSnapshot | undefined)?.t;
  if (endT === undefined) return undefined;
  const windows: { gained: number; increment: number; lnAge: number }[] = [];
  let to = endIndex;
  while (to > 0) {
    const from = indexBefore(snapshots, to, windowMs);
    if (from < 0 || (snapshots[from] as VideoSnapshot).t < endT - spanMs) break;
    const s = span(snapshots, from, to);
    const a0 = hoursBetween(createdAtMs, s.startMs);
    const a1 = hoursBetween(createdAtMs, s.endMs);
    // Views de-seasonalised: the trend is fitted on what the window would have brought at an average hour.
    if (!s.fell)
      windows.push({
        gained: s.gained / seasonal(s.startMs, s.endMs),
        increment: shapeIncrement(shape, a0, a1),
        lnAge: Math.log((a0 + a1) / 2),
      });
    to = from;
  }
  const referenceHours = hoursBetween((snapshots[to] as VideoSnapshot).t, endT);
  const totalIncrement = windows.reduce((a, w) => a + w.increment, 0);
  if (windows.length < MIN_REFERENCE_WINDOWS || referenceHours < 2 || !(totalIncrement > 0)) return undefined;
  const level = windows.reduce((a, w) => a + w.gained, 0) / totalIncrement;
  const raw = windows.map((w) => Math.log((w.gained + 1) / (level * w.increment + 1)));
  const xs = windows.map((w) => w.lnAge);
  // A tilt needs windows spread over a range of ages; with two it would just be noise.
  const tilt = windows.length >= 4 ? clamp(theilSen(xs, raw), -MAX_TILT, MAX_TILT) : 0;
  const centre = median(raw.map((r, i) => r - tilt * (xs[i] as number)));
  return {
    expected: (fromAgeHours, toAgeHours) =>
      Math.max(
        0,
        (level * shapeIncrement(shape, fromAgeHours, toAgeHours) + 1) *
          Math.exp(centre + tilt * Math.log((fromAgeHours + toAgeHours) / 2)) -
          1,
      ),
    residuals: raw.map((r, i) => r - centre - tilt * (xs[i] as number)),
    referenceHours,
  };
}

/** Views the video's own trend predicts for [fromMs, toMs]; undefined without enough history. */
export function expectedViews(
  snapshots: readonly VideoSnapshot[],
  createdAtMs: number,
  shape: Shape,
  seasonal: Seasonal,
  fromMs: number,
  toMs: number,
): number | undefined {
  const end = lastAtOrBefore(snapshots, fromMs);
  if (end < 0) return undefined;
  const trend = trendBefore(snapshots, createdAtMs, shape, seasonal, end, MIN_WINDOW_MS, MIN_REFERENCE_MS);
  return (
    trend && trend.expected(hoursBetween(createdAtMs, fromMs), hoursBetween(createdAtMs, toMs)) * seasonal(fromMs, toMs)
  );
}

/** Tests the newest window of a video's views; a candidate when it is a spike or a drop. */
export function detectVideoAnomaly(
  videoId: string,
  snapshots: readonly VideoSnapshot[],
  createdAtMs: number,
  shape: Shape,
  seasonal: Seasonal,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): AnomalyCandidate | undefined {
  const last = snapshots.length - 1;
  if (last < 1 || hoursBetween(createdAtMs, (snapshots[last] as VideoSnapshot).t) < MIN_AGE_HOURS) return undefined;
  const start = indexBefore(snapshots, last, MIN_WINDOW_MS);
  if (start < 0) return undefined;
  const test = span(snapshots, start, last);
  const testMs = test.endMs - test.startMs;
  const trend = trendBefore(
    snapshots,
    createdAtMs,
    shape,
    seasonal,
    start,
    testMs,
    Math.min(MAX_REFERENCE_MS, Math.max(MIN_REFERENCE_MS, 4 * testMs)),
  );
  if (!trend) return undefined;
  const ageFrom = hoursBetween(createdAtMs, test.startMs);
  const ageTo = hoursBetween(createdAtMs, test.endMs);
  const expected = trend.expected(ageFrom, ageTo) * seasonal(test.startMs, test.endMs);
  const score = scoreWindow(test.gained, expected, trend.residuals, thresholds);
  if (score.kind === null || (score.kind === "drop" && test.fell)) return undefined;
  return {
    videoId,
    metric: "views",
    kind: score.kind,
    severity: severityOf(score.kind, score.ratio),
    score: score.z,
    windowStart: test.startMs,
    windowEnd: test.endMs,
    observed: test.gained,
    expected: round(expected, 1),
    details: {
      ageHours: round(ageTo, 1),
      ratio: score.ratio,
      pValue: score.pValue,
      sigma: score.sigma,
      referenceHours: round(trend.referenceHours, 1),
    },
  };
}
