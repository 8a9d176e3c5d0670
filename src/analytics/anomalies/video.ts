/**
 * Spikes and drops in one video's views. The newest window (ending at the newest informative
 * snapshot) is judged by the level it reached against the video's own trend, fitted on the day or
 * two before the window (see trend.ts), at several window lengths: a sharp burst shows over two
 * hours, a throttled day over eight. A window is unusual when its log ratio to the trend is far
 * outside what the same video's own windows of that length did (its noise scale), and it matters
 * only when the effect is large in views, relative to the video's own views.
 *
 * Irregular polling is handled by construction: windows and the trend are in hours and ages, not
 * in snapshots; an outage simply makes an interval longer; a counter batch is skipped until it
 * catches up (informative.ts), so a catch-up that returns to the trend scores as on-trend.
 */
import { round } from "../numbers";
import { lastAtOrBefore } from "../series";
import { HOUR_MS, hoursBetween } from "../time";
import type { VideoSnapshot } from "../types";
import { cellOf, cellStats, type CellStats } from "./calibration";
import type { TypicalGrowth } from "./growth";
import { informativePoints, type Point } from "./informative";
import type { VideoThresholds } from "./score";
import { VIDEO_THRESHOLDS, judge, severityOf } from "./score";
import { expectedGain, fitPowerTrend, predictionSigma, windowSigma, type PowerTrend, type RateInterval } from "./trend";
import type { AnomalyCandidate } from "./types";

/** The audience's rhythm: mean views factor over a time range (1 = an average hour). */
export type Seasonal = (fromMs: number, toMs: number) => number;

/** Before 3 h a video has no past of its own to deviate from (its pace against others is the percentile's job). */
export const MIN_AGE_HOURS = 3;
/** The reference covers at least a day (the rhythm's whole cycle) and at least three test windows. */
const MIN_REFERENCE_HOURS = 24;
const REFERENCE_WINDOWS = 3;
/** The trend favours recent intervals: weight halves every max(8 h, age / 3) back. */
const MIN_HALF_LIFE_HOURS = 8;
/** A usable reference: at least this many intervals over at least this many hours (and one window). */
const MIN_REFERENCE_INTERVALS = 4;
const MIN_REFERENCE_SPAN_HOURS = 2;
/** Drops are judged over longer windows only: a short quiet spell is too often a batch or a lull. */
const MIN_DROP_WINDOW_HOURS = 4;
/** A spike must hold for hours: a lump of views from one share fades within one or two. */
const MIN_SPIKE_WINDOW_HOURS = 3.5;
/**
 * Spikes are changes after a video's launch: on its first day distribution comes in waves by
 * design (a test audience, then pushes), and how a young video is doing against the creator's
 * other videos at the same age is the pace cards' job (fast or slow start). Drops are cuts while a
 * video is still being distributed: past a week it lives on a trickle, and a quiet day there is
 * neither unusual nor something a creator can act on.
 */
const MIN_SPIKE_AGE_HOURS = 24;
const MAX_DROP_AGE_HOURS = 168;

function inScope(kind: "spike" | "drop", windowHours: number, ageHours: number): boolean {
  return kind === "spike"
    ? windowHours >= MIN_SPIKE_WINDOW_HOURS && ageHours >= MIN_SPIKE_AGE_HOURS
    : windowHours >= MIN_DROP_WINDOW_HOURS && ageHours <= MAX_DROP_AGE_HOURS;
}
/** A window expecting next to nothing says nothing about the trend: it stays out of the record. */
const MIN_RECORDED_EXPECTED = 2;
/** Floor of the window σ (log units): guards series too regular to have shown any noise yet. */
const MIN_SIGMA = 0.1;

/** The window lengths (hours) a series polled every `spacingHours` is tested at. */
export function windowScales(spacingHours: number): number[] {
  const scales = [Math.max(2, spacingHours), Math.max(4, 2 * spacingHours), Math.max(8, 4 * spacingHours)];
  return [...new Set(scales.map((h) => Math.min(24, h)))];
}

/** Informative points of a video's views, with the posting instant (0 views) when the video was seen young. */
export function viewPoints(snapshots: readonly VideoSnapshot[], createdAtMs: number): Point[] {
  const first = snapshots[0];
  const anchored =
    first && first.t - createdAtMs <= 6 * HOUR_MS
      ? [{ t: createdAtMs, views: 0, likes: 0, comments: 0, shares: 0 }, ...snapshots]
      : snapshots;
  return informativePoints(anchored, (s) => s.views);
}

export interface ReferenceFit {
  trend: PowerTrend;
  intervals: RateInterval[];
  referenceHours: number;
}

/** The trend fitted on the intervals between points that end by index `end`, back `spanHours`. */
export function fitReference(
  points: readonly Point[],
  createdAtMs: number,
  seasonal: Seasonal,
  end: number,
  spanHours: number,
): ReferenceFit | undefined {
  const endT = (points[end] as Point | undefined)?.t;
  if (endT === undefined) return undefined;
  const intervals: RateInterval[] = [];
  const endMs: number[] = [];
  let i = end;
  while (i > 0 && (points[i - 1] as Point).t >= endT - spanHours * HOUR_MS) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    // A fall (spam removal) says nothing about the pace: the interval is left out.
    if (b.value >= a.value) {
      intervals.unshift({
        fromAge: hoursBetween(createdAtMs, a.t),
        toAge: hoursBetween(createdAtMs, b.t),
        gained: b.value - a.value,
        rhythm: seasonal(a.t, b.t),
      });
      endMs.unshift(b.t);
    }
    i--;
  }
  const referenceHours = hoursBetween((points[i] as Point).t, endT);
  if (intervals.length < MIN_REFERENCE_INTERVALS || referenceHours < MIN_REFERENCE_SPAN_HOURS) return undefined;
  const halfLife = Math.max(MIN_HALF_LIFE_HOURS, hoursBetween(createdAtMs, endT) / 3);
  const weights = endMs.map((t) => Math.pow(0.5, hoursBetween(t, endT) / halfLife));
  const trend = fitPowerTrend(intervals, weights);
  return trend && { trend, intervals, referenceHours };
}

/** Views the video's own trend predicts for [fromMs, toMs]; undefined without enough history before fromMs. */
export function expectedViews(
  points: readonly Point[],
  createdAtMs: number,
  seasonal: Seasonal,
  fromMs: number,
  toMs: number,
): number | undefined {
  const end = lastAtOrBefore(points, fromMs);
  if (end < 0) return undefined;
  const ref = fitReference(points, createdAtMs, seasonal, end, MIN_REFERENCE_HOURS);
  return (
    ref &&
    expectedGain(ref.trend, hoursBetween(createdAtMs, fromMs), hoursBetween(createdAtMs, toMs), seasonal(fromMs, toMs))
  );
}

/**
 * Against the creator's usual growth at that age, a spike must stand out by this many spreads, and
 * a drop must at least fall short of the usual (a video levelling off after its push, as the
 * creator's videos do at that age, is not a drop; the spread of whole videos' growth is too wide
 * to ask a drop for more).
 */
const AGE_MATCHED_Z = 2;
/** Each half of a sustained window still shows the event this far: a burst inside one half is a lump, not a change of pace. */
const HALF_SPIKE_RATIO = 2;
const HALF_DROP_RATIO = 0.5;

/**
 * Whether the event holds over both halves of the window (split at the interior point nearest
 * its middle). A window of one interval cannot show it, and is not judged.
 */
function sustained(
  points: readonly Point[],
  start: number,
  end: number,
  kind: "spike" | "drop",
  ratio: (a: Point, b: Point) => number,
): boolean {
  if (end - start < 2) return false;
  const a = points[start] as Point;
  const b = points[end] as Point;
  let mid = start + 1;
  for (let i = start + 1; i < end; i++)
    if (Math.abs((points[i] as Point).t - (a.t + b.t) / 2) < Math.abs((points[mid] as Point).t - (a.t + b.t) / 2))
      mid = i;
  const m = points[mid] as Point;
  const halves = [ratio(a, m), ratio(m, b)];
  return kind === "spike" ? halves.every((r) => r >= HALF_SPIKE_RATIO) : halves.every((r) => r <= HALF_DROP_RATIO);
}

export interface VideoTest {
  candidate?: AnomalyCandidate;
  /** This run's windows for the creator's track record (see calibration.ts). */
  samples: { cell: string; logRatio: number }[];
}

/**
 * Tests the newest window of a video's views at each scale against its trend, corrected by the
 * creator's track record at that age and scale; the most unusual window that passes is the
 * candidate.
 */
/** What a video's windows are judged against besides its own trend. */
export interface VideoContext {
  /** The audience's rhythm. */
  seasonal: Seasonal;
  /** The creator's track record at a cell (see calibration.ts); the prior alone when absent. */
  trackAt?: (cell: string) => CellStats;
  /** How the creator's videos usually grow between two ages (see growth.ts). */
  typical?: TypicalGrowth;
}

export function detectVideoAnomaly(
  videoId: string,
  snapshots: readonly VideoSnapshot[],
  createdAtMs: number,
  context: VideoContext,
  thresholds: VideoThresholds = VIDEO_THRESHOLDS,
): VideoTest {
  const { seasonal, trackAt = (cell: string) => cellStats(undefined, cell), typical } = context;
  const samples: VideoTest["samples"] = [];
  const newest = snapshots[snapshots.length - 1];
  const points = viewPoints(snapshots, createdAtMs);
  const last = points.length - 1;
  const endPoint = points[last];
  // Only a newest snapshot that carries news is tested (a repeat may be a batch still to catch up).
  if (!newest || !endPoint || endPoint.t !== newest.t || hoursBetween(createdAtMs, endPoint.t) < MIN_AGE_HOURS)
    return { samples };
  const recent = points.slice(-5);
  const spacing = recent.length > 1 ? hoursBetween((recent[0] as Point).t, endPoint.t) / (recent.length - 1) : 1;
  let candidate: AnomalyCandidate | undefined;
  let unusual = false;
  windowScales(spacing).forEach((windowHours, scaleIndex) => {
    const start = lastAtOrBefore(points, endPoint.t - (windowHours - 0.25) * HOUR_MS);
    if (start < 1) return;
    const startPoint = points[start] as Point;
    if (endPoint.value < startPoint.value) return;
    const ref = fitReference(
      points,
      createdAtMs,
      seasonal,
      start,
      Math.max(MIN_REFERENCE_HOURS, REFERENCE_WINDOWS * windowHours),
    );
    if (!ref || ref.referenceHours < windowHours) return;
    const fromAge = hoursBetween(createdAtMs, startPoint.t);
    const toAge = hoursBetween(createdAtMs, endPoint.t);
    const hours = toAge - fromAge;
    const trendViews = expectedGain(ref.trend, fromAge, toAge, seasonal(startPoint.t, endPoint.t));
    // A part of the window against the trend (the record's correction included).
    const ratioOver = (a: Point, b: Point) =>
      (b.value - a.value + 1) /
      ((expectedGain(ref.trend, hoursBetween(createdAtMs, a.t), hoursBetween(createdAtMs, b.t), seasonal(a.t, b.t)) +
        0.5) *
        Math.exp(track.centre) +
        0.5);
    const observed = endPoint.value - startPoint.value;
    const cell = cellOf(toAge, scaleIndex, trendViews);
    const track = trackAt(cell);
    if (trendViews >= MIN_RECORDED_EXPECTED)
      samples.push({ cell, logRatio: Math.log((observed + 0.5) / (trendViews + 0.5)) });
    // What the trend usually misses at this age for this creator is part of the expectation.
    const expected = Math.max(0, (trendViews + 0.5) * Math.exp(track.centre) - 0.5);
    const noise = windowSigma(ref.trend, ref.intervals, hours) ?? ref.trend.sigma;
    const sigma = Math.max(
      track.spread,
      Math.hypot(
        Math.max(noise, Math.sqrt(1 / (expected + 1) + MIN_SIGMA ** 2)),
        predictionSigma(ref.trend, Math.log((fromAge + toAge) / 2)),
      ),
    );
    const verdict = judge(observed, expected, sigma, startPoint.value, thresholds);
    if (verdict.kind === null) return;
    unusual = true;
    if (!inScope(verdict.kind, hours, toAge)) return;
    if (!sustained(points, start, last, verdict.kind, (a, b) => ratioOver(a, b))) return;
    // The second question: unusual for this creator's videos at this age, too?
    const usual = typical?.(fromAge, toAge);
    const ageMatchedZ =
      usual && (Math.log((endPoint.value + 1) / (startPoint.value + 1)) - usual.centre) / usual.spread;
    if (ageMatchedZ !== undefined && (verdict.kind === "spike" ? ageMatchedZ < AGE_MATCHED_Z : ageMatchedZ > 0)) return;
    if (candidate && Math.abs(candidate.score) >= Math.abs(verdict.z)) return;
    candidate = {
      videoId,
      metric: "views",
      kind: verdict.kind,
      severity: severityOf(verdict.kind, verdict.ratio),
      score: verdict.z,
      confidence: verdict.confidence,
      windowStart: startPoint.t,
      windowEnd: endPoint.t,
      observed,
      expected: round(expected, 1),
      details: {
        ageHours: round(toAge, 1),
        windowHours: round(hours, 1),
        ratio: verdict.ratio,
        sigma: round(sigma, 3),
        referenceHours: round(ref.referenceHours, 1),
        decay: round(ref.trend.exponent, 2),
        viewsBefore: startPoint.value,
        trackRecord: track.n,
        ...(ageMatchedZ !== undefined ? { ageMatchedZ: round(ageMatchedZ, 2) } : {}),
      },
    };
  });
  // An unusual window is left out of the record even when it makes no alert (too young, not yet
  // sustained): the record is what is usual, and letting events in would raise the bar for them.
  if (unusual) samples.length = 0;
  return candidate ? { candidate, samples } : { samples };
}
